-- pingxuan: migration 10. The 公示 notice is an official document too: it takes a number
-- (文号) from the same serials of its term as the commendation notice, registered at its first
-- official print and kept for every reprint.
--
-- The kinds are a CHECK, which SQLite changes only by rebuilding the table (as migration 3
-- does): the rows are copied as they are, keyed by term and kind as before, and the triggers
-- and the auditor's view are made again.

PRAGMA legacy_alter_table = ON;

DROP VIEW v_document_numbers;

CREATE TABLE document_number_new (
    term      INTEGER NOT NULL REFERENCES term (year),
    kind      TEXT NOT NULL CHECK (kind IN ('notice', 'publicity')),
    serial    INTEGER NOT NULL CHECK (serial >= 1),
    number    TEXT NOT NULL CHECK (length(trim(number)) > 0),
    issued_at TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    PRIMARY KEY (term, kind),
    UNIQUE (term, serial)
) STRICT;

INSERT INTO document_number_new (rowid, term, kind, serial, number, issued_at, issued_by)
    SELECT rowid, term, kind, serial, number, issued_at, issued_by FROM document_number;

DROP TABLE document_number;
ALTER TABLE document_number_new RENAME TO document_number;
PRAGMA legacy_alter_table = OFF;

CREATE TRIGGER document_number_no_update BEFORE UPDATE ON document_number
BEGIN SELECT RAISE(ABORT, 'a document number never changes'); END;
CREATE TRIGGER document_number_no_delete BEFORE DELETE ON document_number
BEGIN SELECT RAISE(ABORT, 'a document number is never deleted'); END;

CREATE VIEW v_document_numbers AS
SELECT d.term AS 年度,
       CASE d.kind WHEN 'notice' THEN '表彰通报' WHEN 'publicity' THEN '公示' ELSE d.kind END AS 文种,
       d.serial AS 顺序号,
       d.number AS 文号,
       d.issued_at AS 编号时间,
       d.issued_by AS 经办人
FROM document_number d;
