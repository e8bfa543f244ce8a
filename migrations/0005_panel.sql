-- The joint-evaluation panel (联评小组) of a term: who may give a joint sheet. A member's
-- unit is kept as written (the Port Office itself is not a member unit), to tell conflicts
-- of interest (回避). A member is removed, never deleted, with who, when and why.
CREATE TABLE panel_member (
    id            INTEGER PRIMARY KEY,
    term          INTEGER NOT NULL REFERENCES term (year),
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    unit          TEXT NOT NULL CHECK (length(trim(unit)) > 0),
    role          TEXT NOT NULL DEFAULT '',
    added_at      TEXT NOT NULL,
    added_by      TEXT NOT NULL,
    removed_at    TEXT,
    removed_by    TEXT,
    remove_reason TEXT CHECK (remove_reason IS NULL OR length(trim(remove_reason)) > 0),
    CHECK ((removed_at IS NULL) = (remove_reason IS NULL)),
    CHECK ((removed_at IS NULL) = (removed_by IS NULL))
) STRICT;
CREATE UNIQUE INDEX panel_member_current ON panel_member (term, name) WHERE removed_at IS NULL;

CREATE TRIGGER panel_member_no_delete BEFORE DELETE ON panel_member
BEGIN SELECT RAISE(ABORT, 'a panel member is removed, never deleted'); END;
CREATE TRIGGER panel_member_closed_insert BEFORE INSERT ON panel_member
WHEN (SELECT state FROM term WHERE year = NEW.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER panel_member_closed_update BEFORE UPDATE ON panel_member
WHEN (SELECT state FROM term WHERE year = OLD.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER panel_member_remove_only BEFORE UPDATE ON panel_member
WHEN OLD.removed_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.term IS NOT OLD.term OR NEW.name IS NOT OLD.name
    OR NEW.unit IS NOT OLD.unit OR NEW.role IS NOT OLD.role OR NEW.added_at IS NOT OLD.added_at
    OR NEW.added_by IS NOT OLD.added_by
BEGIN SELECT RAISE(ABORT, 'a panel member is only ever removed, once'); END;

-- A sheet entered by mistake is withdrawn: it stays, marked replaced so that it no longer
-- counts, and this row says who withdrew it, when and why. (A table beside the sheet rather
-- than new columns of it, so that the sheets already on the hash chain keep their hashes.)
CREATE TABLE sheet_withdrawal (
    sheet        INTEGER PRIMARY KEY REFERENCES sheet (id),
    withdrawn_at TEXT NOT NULL,
    withdrawn_by TEXT NOT NULL,
    reason       TEXT NOT NULL CHECK (length(trim(reason)) > 0)
) STRICT;
CREATE TRIGGER sheet_withdrawal_no_delete BEFORE DELETE ON sheet_withdrawal
BEGIN SELECT RAISE(ABORT, 'a withdrawal of a sheet is never deleted'); END;
CREATE TRIGGER sheet_withdrawal_no_update BEFORE UPDATE ON sheet_withdrawal
BEGIN SELECT RAISE(ABORT, 'a withdrawal of a sheet never changes'); END;
CREATE TRIGGER sheet_withdrawal_closed BEFORE INSERT ON sheet_withdrawal
WHEN (SELECT t.state FROM sheet s JOIN nomination n ON n.id = s.nomination JOIN term t ON t.year = n.term
      WHERE s.id = NEW.sheet) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
