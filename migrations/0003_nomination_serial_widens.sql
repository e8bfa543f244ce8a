-- pingxuan: migration 3. A term takes more than 999 nominations of a category: the serial
-- has no upper bound, and the code keeps three digits up to 999 and widens after
-- (P2026-999, P2026-1000), as printf('%03d') writes it. Codes on record do not change.
--
-- SQLite changes a CHECK constraint only by rebuilding the table: a new table is made with
-- the new definition, the rows are copied with their ids (which sheets, findings, surveys,
-- vetoes and awards refer to), the old table is dropped and the new one takes its name. The
-- caller runs this with foreign keys off, then checks them before committing. Dropping the
-- table drops the triggers on it; they are made again below, as schema.sql has them.
-- Triggers on other tables that read the nomination table name it by name and are kept as
-- they are: legacy_alter_table stops the rename from checking them against the schema while
-- the name is briefly missing (SQLite's own procedure for changing a table).

PRAGMA legacy_alter_table = ON;

CREATE TABLE nomination_new (
    id           INTEGER PRIMARY KEY,
    term         INTEGER NOT NULL REFERENCES term (year),
    category     TEXT NOT NULL CHECK (category IN ('window', 'individual')),
    serial       INTEGER NOT NULL CHECK (serial >= 1),
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

INSERT INTO nomination_new (id, term, category, serial, code, name, unit_id, group_id, position, staff_no,
        deeds, contact, phone, submitted_on, source_file, imported_at, status, reasons, verified_at,
        withdrawn_reason)
    SELECT id, term, category, serial, code, name, unit_id, group_id, position, staff_no,
        deeds, contact, phone, submitted_on, source_file, imported_at, status, reasons, verified_at,
        withdrawn_reason
    FROM nomination;

DROP TABLE nomination;
ALTER TABLE nomination_new RENAME TO nomination;
PRAGMA legacy_alter_table = OFF;

CREATE TRIGGER nomination_no_delete BEFORE DELETE ON nomination
BEGIN SELECT RAISE(ABORT, 'a nomination is withdrawn, never deleted'); END;
CREATE TRIGGER nomination_closed_insert BEFORE INSERT ON nomination
WHEN (SELECT state FROM term WHERE year = NEW.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
CREATE TRIGGER nomination_closed_update BEFORE UPDATE ON nomination
WHEN (SELECT state FROM term WHERE year = OLD.term) <> 'open'
BEGIN SELECT RAISE(ABORT, 'the term is not open: awarded or closed'); END;
