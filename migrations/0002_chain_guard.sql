-- Migration 2, after the history is hashed: the chain is append-only, and an entry
-- without its hash cannot be written.

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit record is append-only'); END;
CREATE TRIGGER audit_hashed BEFORE INSERT ON audit
WHEN NEW.hash IS NULL OR length(NEW.hash) <> 64 OR NEW.prev IS NULL OR NEW.rows IS NULL
BEGIN SELECT RAISE(ABORT, 'an audit entry needs its place in the hash chain'); END;
CREATE TRIGGER audit_row_no_update BEFORE UPDATE ON audit_row
BEGIN SELECT RAISE(ABORT, 'the audit record is append-only'); END;
CREATE TRIGGER audit_row_no_delete BEFORE DELETE ON audit_row
BEGIN SELECT RAISE(ABORT, 'the audit record is append-only'); END;
