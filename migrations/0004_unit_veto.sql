-- A veto against a unit (the rules' ground 1: a crime by any member of its staff, or a major
-- safety accident of the unit). It reaches every window nomination of the unit in the term,
-- those made after it too; with scope 'all', the unit's individuals as well. Revoked, never
-- deleted, like a veto against one nomination; its number is drawn from the same series as
-- those, so that `veto revoke ID` names either kind.
CREATE TABLE unit_veto (
    id            INTEGER PRIMARY KEY,
    term          INTEGER NOT NULL REFERENCES term (year),
    unit_id       INTEGER NOT NULL REFERENCES unit (id),
    scope         TEXT NOT NULL CHECK (scope IN ('window', 'all')),
    person        TEXT NOT NULL DEFAULT '',
    reason        TEXT NOT NULL CHECK (reason IN ('criminal', 'safety', 'complaint', 'discipline')),
    evidence      TEXT NOT NULL CHECK (length(trim(evidence)) > 0),
    document      TEXT NOT NULL DEFAULT '',
    added_at      TEXT NOT NULL,
    added_by      TEXT NOT NULL,
    revoked_at    TEXT,
    revoked_by    TEXT,
    revoke_reason TEXT CHECK (revoke_reason IS NULL OR length(trim(revoke_reason)) > 0),
    CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL)),
    CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
) STRICT;
CREATE INDEX unit_veto_term ON unit_veto (term, unit_id);
-- A ground is in force against a unit once at most in a term.
CREATE UNIQUE INDEX unit_veto_in_force ON unit_veto (term, unit_id, reason) WHERE revoked_at IS NULL;

CREATE TRIGGER unit_veto_no_delete BEFORE DELETE ON unit_veto
BEGIN SELECT RAISE(ABORT, 'a veto is revoked, never deleted'); END;
CREATE TRIGGER unit_veto_closed_insert BEFORE INSERT ON unit_veto
WHEN (SELECT state FROM term WHERE year = NEW.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER unit_veto_closed_update BEFORE UPDATE ON unit_veto
WHEN (SELECT state FROM term WHERE year = OLD.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER unit_veto_revoke_only BEFORE UPDATE ON unit_veto
WHEN OLD.revoked_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.term IS NOT OLD.term
    OR NEW.unit_id IS NOT OLD.unit_id OR NEW.scope IS NOT OLD.scope OR NEW.person IS NOT OLD.person
    OR NEW.reason IS NOT OLD.reason OR NEW.evidence IS NOT OLD.evidence OR NEW.document IS NOT OLD.document
    OR NEW.added_at IS NOT OLD.added_at OR NEW.added_by IS NOT OLD.added_by
BEGIN SELECT RAISE(ABORT, 'a veto is only ever revoked, once'); END;
-- The two kinds of veto share one series of numbers.
CREATE TRIGGER unit_veto_number BEFORE INSERT ON unit_veto
WHEN EXISTS (SELECT 1 FROM veto WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'a veto number is used once'); END;
CREATE TRIGGER veto_number BEFORE INSERT ON veto
WHEN EXISTS (SELECT 1 FROM unit_veto WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'a veto number is used once'); END;
