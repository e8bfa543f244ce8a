-- pingxuan: the whole schema (migration 1).
--
-- Points are stored as whole hundredths of a point (17.5 points = 1750) so that every
-- sum and comparison is exact. Satisfaction is kept as its two counts, never as a rate.
-- Thresholds are in hundredths of a percent (98% = 9800).
--
-- Rows of the official record are never deleted: a nomination is withdrawn, a sheet is
-- replaced, a finding or a survey is withdrawn, a veto or an award is revoked, each with
-- who, when and why. The triggers at the end refuse deletes, edits of the audit record,
-- any edit of a finding or survey but its withdrawal, edits of a revoked veto or award,
-- and any change to a term that is not open, even from a hand edit with sqlite3.

CREATE TABLE term (
    year        INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2999),
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    deadline    TEXT NOT NULL CHECK (date(deadline) IS deadline),
    state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'awarded', 'closed')),
    opened_at   TEXT NOT NULL,
    opened_by   TEXT NOT NULL
) STRICT;

-- The term's scheme: weights in percent, points in hundredths.
CREATE TABLE scheme (
    term              INTEGER PRIMARY KEY REFERENCES term (year),
    weight_self       INTEGER NOT NULL CHECK (weight_self BETWEEN 0 AND 100),
    weight_joint      INTEGER NOT NULL CHECK (weight_joint BETWEEN 0 AND 100),
    weight_inspection INTEGER NOT NULL CHECK (weight_inspection BETWEEN 0 AND 100),
    step              INTEGER NOT NULL CHECK (step BETWEEN 1 AND 10000),
    min_joint         INTEGER NOT NULL CHECK (min_joint BETWEEN 1 AND 100),
    -- with at least this many joint sheets, one highest and one lowest are dropped; 0: never
    trim_from         INTEGER NOT NULL CHECK (trim_from = 0 OR trim_from >= 3),
    inspection_base   INTEGER NOT NULL CHECK (inspection_base > 0),
    order_keys        TEXT NOT NULL,
    CHECK (weight_self + weight_joint + weight_inspection = 100)
) STRICT;

CREATE TABLE scheme_category (
    term            INTEGER NOT NULL REFERENCES scheme (term),
    category        TEXT NOT NULL CHECK (category IN ('window', 'individual')),
    quota           INTEGER NOT NULL CHECK (quota >= 0),
    threshold       INTEGER CHECK (threshold IS NULL OR threshold BETWEEN 0 AND 10000),
    survey_required INTEGER NOT NULL CHECK (survey_required IN (0, 1)),
    PRIMARY KEY (term, category)
) STRICT;

CREATE TABLE criterion (
    term     INTEGER NOT NULL REFERENCES scheme (term),
    category TEXT NOT NULL CHECK (category IN ('window', 'individual')),
    idx      INTEGER NOT NULL CHECK (idx BETWEEN 1 AND 5),
    name_zh  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    max      INTEGER NOT NULL CHECK (max BETWEEN 1 AND 100000),
    PRIMARY KEY (term, category, idx)
) STRICT;

-- Groups and member units persist from year to year; a nomination keeps the group it was
-- sent by, so a unit that later moves can be told apart at verification.
CREATE TABLE org_group (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    kind TEXT NOT NULL CHECK (kind IN ('unit', 'port_area', 'region'))
) STRICT;

CREATE TABLE unit (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    group_id   INTEGER NOT NULL REFERENCES org_group (id),
    has_window INTEGER NOT NULL CHECK (has_window IN (0, 1))
) STRICT;

CREATE TABLE nomination (
    id           INTEGER PRIMARY KEY,
    term         INTEGER NOT NULL REFERENCES term (year),
    category     TEXT NOT NULL CHECK (category IN ('window', 'individual')),
    serial       INTEGER NOT NULL CHECK (serial BETWEEN 1 AND 999),
    code         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    unit_id      INTEGER NOT NULL REFERENCES unit (id),
    group_id     INTEGER NOT NULL REFERENCES org_group (id),
    position     TEXT NOT NULL DEFAULT '',
    staff_no     TEXT NOT NULL DEFAULT '',
    deeds        TEXT NOT NULL DEFAULT '',
    contact      TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    submitted_on TEXT CHECK (submitted_on IS NULL OR date(submitted_on) IS submitted_on),
    source_file  TEXT NOT NULL DEFAULT '',
    imported_at  TEXT NOT NULL,
    -- pending until verified; rejected carries its reasons (comma-separated codes)
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'verified', 'rejected', 'withdrawn')),
    reasons      TEXT NOT NULL DEFAULT '',
    verified_at  TEXT,
    withdrawn_reason TEXT,
    CHECK (code = (CASE category WHEN 'window' THEN 'W' ELSE 'P' END) || term || '-' || printf('%03d', serial)),
    CHECK ((status = 'withdrawn') = (withdrawn_reason IS NOT NULL)),
    CHECK ((status = 'rejected') = (reasons <> '')),
    UNIQUE (term, category, serial),
    UNIQUE (term, category, unit_id, name, staff_no)
) STRICT;

-- Scoring sheets (考核评分表). A replaced sheet stays, marked with when it was replaced.
CREATE TABLE sheet (
    id          INTEGER PRIMARY KEY,
    nomination  INTEGER NOT NULL REFERENCES nomination (id),
    source      TEXT NOT NULL CHECK (source IN ('self', 'joint')),
    evaluator   TEXT NOT NULL DEFAULT '',
    c1          INTEGER NOT NULL CHECK (c1 >= 0),
    c2          INTEGER NOT NULL CHECK (c2 >= 0),
    c3          INTEGER NOT NULL CHECK (c3 >= 0),
    c4          INTEGER NOT NULL CHECK (c4 >= 0),
    c5          INTEGER NOT NULL CHECK (c5 >= 0),
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    replaced_at TEXT,
    CHECK ((source = 'self') = (evaluator = ''))
) STRICT;
CREATE UNIQUE INDEX sheet_current ON sheet (nomination, source, evaluator) WHERE replaced_at IS NULL;

-- Findings of open inspections (明查) and covert visits (暗访). A finding is the same record
-- when nomination, kind, date, inspector and finding match: at most one of them counts. A
-- wrong one is withdrawn, with who, when and why, and stays on the record, not counted.
CREATE TABLE finding (
    id              INTEGER PRIMARY KEY,
    nomination      INTEGER NOT NULL REFERENCES nomination (id),
    kind            TEXT NOT NULL CHECK (kind IN ('open', 'covert')),
    date            TEXT NOT NULL CHECK (date(date) IS date),
    inspector       TEXT NOT NULL DEFAULT '',
    finding         TEXT NOT NULL DEFAULT '',
    deduction       INTEGER NOT NULL CHECK (deduction >= 0),
    recorded_at     TEXT NOT NULL,
    recorded_by     TEXT NOT NULL,
    withdrawn_at    TEXT,
    withdrawn_by    TEXT,
    withdraw_reason TEXT CHECK (withdraw_reason IS NULL OR length(trim(withdraw_reason)) > 0),
    CHECK ((withdrawn_at IS NULL) = (withdraw_reason IS NULL)),
    CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL))
) STRICT;
CREATE INDEX finding_nomination ON finding (nomination);
CREATE UNIQUE INDEX finding_current ON finding (nomination, kind, date, inspector, finding)
    WHERE withdrawn_at IS NULL;

-- Satisfaction surveys (满意度调查), kept as counts so that 49 of 50 is exactly 98%. A survey
-- is the same record when nomination and date match; a nomination has at most one undated
-- survey that counts. Withdrawn like a finding.
CREATE TABLE survey (
    id              INTEGER PRIMARY KEY,
    nomination      INTEGER NOT NULL REFERENCES nomination (id),
    date            TEXT CHECK (date IS NULL OR date(date) IS date),
    satisfied       INTEGER NOT NULL CHECK (satisfied >= 0),
    total           INTEGER NOT NULL CHECK (total > 0),
    recorded_at     TEXT NOT NULL,
    recorded_by     TEXT NOT NULL,
    withdrawn_at    TEXT,
    withdrawn_by    TEXT,
    withdraw_reason TEXT CHECK (withdraw_reason IS NULL OR length(trim(withdraw_reason)) > 0),
    CHECK (satisfied <= total),
    CHECK ((withdrawn_at IS NULL) = (withdraw_reason IS NULL)),
    CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL))
) STRICT;
CREATE INDEX survey_nomination ON survey (nomination);
CREATE UNIQUE INDEX survey_current ON survey (nomination, coalesce(date, ''))
    WHERE withdrawn_at IS NULL;

-- One-vote veto (一票否决).
CREATE TABLE veto (
    id            INTEGER PRIMARY KEY,
    nomination    INTEGER NOT NULL REFERENCES nomination (id),
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
CREATE INDEX veto_nomination ON veto (nomination);
-- A ground is in force against a nomination once at most.
CREATE UNIQUE INDEX veto_in_force ON veto (nomination, reason) WHERE revoked_at IS NULL;

-- Awards, one per nomination at most; the certificate number is never reused.
CREATE TABLE award (
    id            INTEGER PRIMARY KEY,
    nomination    INTEGER NOT NULL UNIQUE REFERENCES nomination (id),
    term          INTEGER NOT NULL REFERENCES term (year),
    category      TEXT NOT NULL CHECK (category IN ('window', 'individual')),
    serial        INTEGER NOT NULL CHECK (serial >= 1),
    certificate   TEXT NOT NULL UNIQUE,
    rank          INTEGER,
    total         TEXT NOT NULL,
    decision      TEXT NOT NULL DEFAULT '',
    granted_at    TEXT NOT NULL,
    granted_by    TEXT NOT NULL,
    revoked_at    TEXT,
    revoked_by    TEXT,
    revoke_reason TEXT CHECK (revoke_reason IS NULL OR length(trim(revoke_reason)) > 0),
    UNIQUE (term, category, serial),
    CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL)),
    CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
) STRICT;

-- The audit record: one row per change, append-only.
CREATE TABLE audit (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    operator TEXT NOT NULL,
    term     INTEGER,
    action   TEXT NOT NULL,
    target   TEXT NOT NULL DEFAULT '',
    detail   TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit record is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit record is append-only'); END;

CREATE TRIGGER term_no_delete BEFORE DELETE ON term
BEGIN SELECT RAISE(ABORT, 'a term is never deleted'); END;
CREATE TRIGGER nomination_no_delete BEFORE DELETE ON nomination
BEGIN SELECT RAISE(ABORT, 'a nomination is withdrawn, never deleted'); END;
CREATE TRIGGER sheet_no_delete BEFORE DELETE ON sheet
BEGIN SELECT RAISE(ABORT, 'a scoring sheet is replaced, never deleted'); END;
CREATE TRIGGER veto_no_delete BEFORE DELETE ON veto
BEGIN SELECT RAISE(ABORT, 'a veto is revoked, never deleted'); END;
CREATE TRIGGER award_no_delete BEFORE DELETE ON award
BEGIN SELECT RAISE(ABORT, 'an award is revoked, never deleted'); END;

-- Marks within the term's scheme: at most each criterion's maximum, in the scheme's step.
CREATE TRIGGER sheet_marks_in_scheme BEFORE INSERT ON sheet
WHEN EXISTS (
    SELECT 1 FROM nomination n
    JOIN criterion c ON c.term = n.term AND c.category = n.category
    JOIN scheme s ON s.term = n.term
    WHERE n.id = NEW.nomination AND (
        (c.idx = 1 AND (NEW.c1 > c.max OR NEW.c1 % s.step <> 0)) OR
        (c.idx = 2 AND (NEW.c2 > c.max OR NEW.c2 % s.step <> 0)) OR
        (c.idx = 3 AND (NEW.c3 > c.max OR NEW.c3 % s.step <> 0)) OR
        (c.idx = 4 AND (NEW.c4 > c.max OR NEW.c4 % s.step <> 0)) OR
        (c.idx = 5 AND (NEW.c5 > c.max OR NEW.c5 % s.step <> 0))))
BEGIN SELECT RAISE(ABORT, 'a mark is outside the term''s scheme'); END;

-- A closed term does not change; an awarded one changes only by revoking an award or
-- by reopening it.
CREATE TRIGGER term_closed_update BEFORE UPDATE ON term
WHEN OLD.state = 'closed' AND (NEW.state <> 'open' OR NEW.year IS NOT OLD.year OR NEW.title IS NOT OLD.title
    OR NEW.deadline IS NOT OLD.deadline OR NEW.opened_at IS NOT OLD.opened_at OR NEW.opened_by IS NOT OLD.opened_by)
BEGIN SELECT RAISE(ABORT, 'the term is closed: it can only be reopened'); END;
CREATE TRIGGER scheme_closed BEFORE UPDATE ON scheme
WHEN (SELECT state FROM term WHERE year = OLD.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER scheme_category_closed BEFORE UPDATE ON scheme_category
WHEN (SELECT state FROM term WHERE year = OLD.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER criterion_closed BEFORE UPDATE ON criterion
WHEN (SELECT state FROM term WHERE year = OLD.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER nomination_closed_insert BEFORE INSERT ON nomination
WHEN (SELECT state FROM term WHERE year = NEW.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER nomination_closed_update BEFORE UPDATE ON nomination
WHEN (SELECT state FROM term WHERE year = OLD.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER sheet_closed_insert BEFORE INSERT ON sheet
WHEN (SELECT t.state FROM nomination n JOIN term t ON t.year = n.term WHERE n.id = NEW.nomination) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER sheet_closed_update BEFORE UPDATE ON sheet
WHEN (SELECT t.state FROM nomination n JOIN term t ON t.year = n.term WHERE n.id = OLD.nomination) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER finding_closed_insert BEFORE INSERT ON finding
WHEN (SELECT t.state FROM nomination n JOIN term t ON t.year = n.term WHERE n.id = NEW.nomination) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER finding_closed_update BEFORE UPDATE ON finding
WHEN (SELECT t.state FROM nomination n JOIN term t ON t.year = n.term WHERE n.id = OLD.nomination) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER finding_no_delete BEFORE DELETE ON finding
BEGIN SELECT RAISE(ABORT, 'a finding is never deleted'); END;
CREATE TRIGGER survey_closed_insert BEFORE INSERT ON survey
WHEN (SELECT t.state FROM nomination n JOIN term t ON t.year = n.term WHERE n.id = NEW.nomination) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER survey_closed_update BEFORE UPDATE ON survey
WHEN (SELECT t.state FROM nomination n JOIN term t ON t.year = n.term WHERE n.id = OLD.nomination) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER survey_no_delete BEFORE DELETE ON survey
BEGIN SELECT RAISE(ABORT, 'a survey is never deleted'); END;
CREATE TRIGGER veto_closed_insert BEFORE INSERT ON veto
WHEN (SELECT t.state FROM nomination n JOIN term t ON t.year = n.term WHERE n.id = NEW.nomination) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER veto_closed_update BEFORE UPDATE ON veto
WHEN (SELECT t.state FROM nomination n JOIN term t ON t.year = n.term WHERE n.id = OLD.nomination) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER award_closed_insert BEFORE INSERT ON award
WHEN (SELECT state FROM term WHERE year = NEW.term) = 'closed'
BEGIN SELECT RAISE(ABORT, 'the term is closed'); END;
CREATE TRIGGER award_closed_update BEFORE UPDATE ON award
WHEN (SELECT state FROM term WHERE year = OLD.term) = 'closed'
BEGIN SELECT RAISE(ABORT, 'the term is closed'); END;

-- A finding or a survey changes once only: when it is withdrawn. A withdrawn one stays as it is.
CREATE TRIGGER finding_withdraw_only BEFORE UPDATE ON finding
WHEN OLD.withdrawn_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.nomination IS NOT OLD.nomination
    OR NEW.kind IS NOT OLD.kind OR NEW.date IS NOT OLD.date OR NEW.inspector IS NOT OLD.inspector
    OR NEW.finding IS NOT OLD.finding OR NEW.deduction IS NOT OLD.deduction
    OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
BEGIN SELECT RAISE(ABORT, 'a finding is only ever withdrawn, once'); END;
CREATE TRIGGER survey_withdraw_only BEFORE UPDATE ON survey
WHEN OLD.withdrawn_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.nomination IS NOT OLD.nomination
    OR NEW.date IS NOT OLD.date OR NEW.satisfied IS NOT OLD.satisfied OR NEW.total IS NOT OLD.total
    OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
BEGIN SELECT RAISE(ABORT, 'a survey is only ever withdrawn, once'); END;

-- A veto or an award changes once only: when it is revoked. A revoked one stays as it is.
CREATE TRIGGER veto_revoke_only BEFORE UPDATE ON veto
WHEN OLD.revoked_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.nomination IS NOT OLD.nomination
    OR NEW.reason IS NOT OLD.reason OR NEW.evidence IS NOT OLD.evidence OR NEW.document IS NOT OLD.document
    OR NEW.added_at IS NOT OLD.added_at OR NEW.added_by IS NOT OLD.added_by
BEGIN SELECT RAISE(ABORT, 'a veto is only ever revoked, once'); END;
CREATE TRIGGER award_revoke_only BEFORE UPDATE ON award
WHEN OLD.revoked_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.nomination IS NOT OLD.nomination
    OR NEW.term IS NOT OLD.term OR NEW.category IS NOT OLD.category OR NEW.serial IS NOT OLD.serial
    OR NEW.certificate IS NOT OLD.certificate OR NEW.rank IS NOT OLD.rank OR NEW.total IS NOT OLD.total
    OR NEW.decision IS NOT OLD.decision OR NEW.granted_at IS NOT OLD.granted_at OR NEW.granted_by IS NOT OLD.granted_by
BEGIN SELECT RAISE(ABORT, 'an award is only ever revoked, once'); END;

-- A term's scheme is changed, never deleted.
CREATE TRIGGER scheme_no_delete BEFORE DELETE ON scheme
BEGIN SELECT RAISE(ABORT, 'a scheme is never deleted'); END;
CREATE TRIGGER scheme_category_no_delete BEFORE DELETE ON scheme_category
BEGIN SELECT RAISE(ABORT, 'a scheme is never deleted'); END;
CREATE TRIGGER criterion_no_delete BEFORE DELETE ON criterion
BEGIN SELECT RAISE(ABORT, 'a scheme is never deleted'); END;
