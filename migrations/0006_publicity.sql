-- 公示: the proposed awards of a term, published for a notice period of working days, and
-- the objections received. A proposal in force fixes what `award grant` grants; a new one
-- supersedes it (kept, marked). Objections are resolved, upheld or dismissed, never deleted.
CREATE TABLE proposal (
    id            INTEGER PRIMARY KEY,
    term          INTEGER NOT NULL REFERENCES term (year),
    days          INTEGER NOT NULL CHECK (days BETWEEN 1 AND 60),
    starts_on     TEXT NOT NULL CHECK (date(starts_on) IS starts_on),
    ends_on       TEXT NOT NULL CHECK (date(ends_on) IS ends_on AND ends_on >= starts_on),
    contact       TEXT NOT NULL CHECK (length(trim(contact)) > 0),
    proposed_at   TEXT NOT NULL,
    proposed_by   TEXT NOT NULL,
    superseded_at TEXT
) STRICT;
CREATE UNIQUE INDEX proposal_in_force ON proposal (term) WHERE superseded_at IS NULL;

CREATE TABLE proposal_item (
    proposal   INTEGER NOT NULL REFERENCES proposal (id),
    nomination INTEGER NOT NULL REFERENCES nomination (id),
    category   TEXT NOT NULL CHECK (category IN ('window', 'individual')),
    position   INTEGER NOT NULL CHECK (position >= 1),
    rank       INTEGER,
    total      TEXT NOT NULL,
    decision   TEXT NOT NULL,
    PRIMARY KEY (proposal, nomination)
) STRICT;

CREATE TABLE objection (
    id          INTEGER PRIMARY KEY,
    term        INTEGER NOT NULL REFERENCES term (year),
    nomination  INTEGER NOT NULL REFERENCES nomination (id),
    sender      TEXT NOT NULL CHECK (length(trim(sender)) > 0),
    text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
    received_on TEXT NOT NULL CHECK (date(received_on) IS received_on),
    late        INTEGER NOT NULL CHECK (late IN (0, 1)),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    outcome     TEXT CHECK (outcome IS NULL OR outcome IN ('upheld', 'dismissed')),
    finding     TEXT CHECK (finding IS NULL OR length(trim(finding)) > 0),
    resolved_at TEXT,
    resolved_by TEXT,
    CHECK ((outcome IS NULL) = (finding IS NULL)),
    CHECK ((outcome IS NULL) = (resolved_at IS NULL)),
    CHECK ((outcome IS NULL) = (resolved_by IS NULL))
) STRICT;

CREATE TRIGGER proposal_no_delete BEFORE DELETE ON proposal
BEGIN SELECT RAISE(ABORT, 'a proposal is superseded, never deleted'); END;
CREATE TRIGGER proposal_item_no_delete BEFORE DELETE ON proposal_item
BEGIN SELECT RAISE(ABORT, 'a proposal is superseded, never deleted'); END;
CREATE TRIGGER proposal_item_no_update BEFORE UPDATE ON proposal_item
BEGIN SELECT RAISE(ABORT, 'a proposed list does not change; propose again'); END;
CREATE TRIGGER proposal_supersede_only BEFORE UPDATE ON proposal
WHEN OLD.superseded_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.term IS NOT OLD.term OR NEW.days IS NOT OLD.days
    OR NEW.starts_on IS NOT OLD.starts_on OR NEW.ends_on IS NOT OLD.ends_on OR NEW.contact IS NOT OLD.contact
    OR NEW.proposed_at IS NOT OLD.proposed_at OR NEW.proposed_by IS NOT OLD.proposed_by
BEGIN SELECT RAISE(ABORT, 'a proposal is only ever superseded, once'); END;
CREATE TRIGGER proposal_closed_insert BEFORE INSERT ON proposal
WHEN (SELECT state FROM term WHERE year = NEW.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER proposal_closed_update BEFORE UPDATE ON proposal
WHEN (SELECT state FROM term WHERE year = OLD.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER objection_no_delete BEFORE DELETE ON objection
BEGIN SELECT RAISE(ABORT, 'an objection is resolved, never deleted'); END;
CREATE TRIGGER objection_resolve_only BEFORE UPDATE ON objection
WHEN OLD.outcome IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.term IS NOT OLD.term OR NEW.nomination IS NOT OLD.nomination
    OR NEW.sender IS NOT OLD.sender OR NEW.text IS NOT OLD.text OR NEW.received_on IS NOT OLD.received_on
    OR NEW.late IS NOT OLD.late OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
BEGIN SELECT RAISE(ABORT, 'an objection is only ever resolved, once'); END;
CREATE TRIGGER objection_closed_insert BEFORE INSERT ON objection
WHEN (SELECT state FROM term WHERE year = NEW.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER objection_closed_update BEFORE UPDATE ON objection
WHEN (SELECT state FROM term WHERE year = OLD.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
