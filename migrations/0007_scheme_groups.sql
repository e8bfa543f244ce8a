-- The scheme's rules per group and of the forms: a cap on one group's nominations, award
-- places per group, the top share of the unit's year-end assessment an individual needs,
-- and the first day of the intake window. Kept beside the scheme's tables, so that the rows
-- already on the hash chain keep their hashes.
CREATE TABLE scheme_group_rule (
    term                  INTEGER NOT NULL REFERENCES scheme (term),
    category              TEXT NOT NULL CHECK (category IN ('window', 'individual')),
    max_per_group         INTEGER NOT NULL DEFAULT 0 CHECK (max_per_group >= 0),
    unit_rank_top_percent INTEGER CHECK (unit_rank_top_percent IS NULL OR unit_rank_top_percent BETWEEN 1 AND 100),
    PRIMARY KEY (term, category)
) STRICT;
CREATE TABLE scheme_places (
    term       INTEGER NOT NULL REFERENCES scheme (term),
    category   TEXT NOT NULL CHECK (category IN ('window', 'individual')),
    group_name TEXT NOT NULL CHECK (length(trim(group_name)) > 0),
    places     INTEGER NOT NULL CHECK (places >= 0),
    PRIMARY KEY (term, category, group_name)
) STRICT;
CREATE TABLE scheme_intake (
    term     INTEGER PRIMARY KEY REFERENCES scheme (term),
    opens_on TEXT NOT NULL CHECK (date(opens_on) IS opens_on)
) STRICT;

CREATE TRIGGER scheme_group_rule_closed_insert BEFORE INSERT ON scheme_group_rule
WHEN (SELECT state FROM term WHERE year = NEW.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER scheme_group_rule_closed_update BEFORE UPDATE ON scheme_group_rule
WHEN (SELECT state FROM term WHERE year = OLD.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER scheme_group_rule_no_delete BEFORE DELETE ON scheme_group_rule
BEGIN SELECT RAISE(ABORT, 'a scheme is never deleted'); END;
CREATE TRIGGER scheme_places_closed_insert BEFORE INSERT ON scheme_places
WHEN (SELECT state FROM term WHERE year = NEW.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER scheme_places_closed_update BEFORE UPDATE ON scheme_places
WHEN (SELECT state FROM term WHERE year = OLD.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
-- Places of a group are taken out of the scheme by setting them again; a row goes only
-- while the term is open (the audit record keeps every change).
CREATE TRIGGER scheme_places_closed_delete BEFORE DELETE ON scheme_places
WHEN (SELECT state FROM term WHERE year = OLD.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER scheme_intake_closed_insert BEFORE INSERT ON scheme_intake
WHEN (SELECT state FROM term WHERE year = NEW.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER scheme_intake_closed_update BEFORE UPDATE ON scheme_intake
WHEN (SELECT state FROM term WHERE year = OLD.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER scheme_intake_closed_delete BEFORE DELETE ON scheme_intake
WHEN (SELECT state FROM term WHERE year = OLD.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;

-- An individual's place in the unit's year-end assessment as the form gives it (`3/120`),
-- beside the nomination so that the rows already on the hash chain keep their hashes.
CREATE TABLE nomination_unit_rank (
    nomination INTEGER PRIMARY KEY REFERENCES nomination (id),
    place      INTEGER NOT NULL CHECK (place >= 1),
    of_count   INTEGER NOT NULL CHECK (of_count >= place)
) STRICT;
CREATE TRIGGER nomination_unit_rank_closed_insert BEFORE INSERT ON nomination_unit_rank
WHEN (SELECT t.state FROM nomination n JOIN term t ON t.year = n.term WHERE n.id = NEW.nomination) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER nomination_unit_rank_closed_update BEFORE UPDATE ON nomination_unit_rank
WHEN (SELECT t.state FROM nomination n JOIN term t ON t.year = n.term WHERE n.id = OLD.nomination) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER nomination_unit_rank_closed_delete BEFORE DELETE ON nomination_unit_rank
WHEN (SELECT t.state FROM nomination n JOIN term t ON t.year = n.term WHERE n.id = OLD.nomination) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
