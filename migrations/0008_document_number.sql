-- The numbers (文号) of the term's official documents. The first official print of a
-- document takes the next serial of its term; every later print shows the same number, so
-- that a reprint matches the paper that went out. A number is never changed or deleted.
CREATE TABLE document_number (
    term      INTEGER NOT NULL REFERENCES term (year),
    kind      TEXT NOT NULL CHECK (kind IN ('notice')),
    serial    INTEGER NOT NULL CHECK (serial >= 1),
    number    TEXT NOT NULL CHECK (length(trim(number)) > 0),
    issued_at TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    PRIMARY KEY (term, kind),
    UNIQUE (term, serial)
) STRICT;

CREATE TRIGGER document_number_no_update BEFORE UPDATE ON document_number
BEGIN SELECT RAISE(ABORT, 'a document number never changes'); END;
CREATE TRIGGER document_number_no_delete BEFORE DELETE ON document_number
BEGIN SELECT RAISE(ABORT, 'a document number is never deleted'); END;

-- For the auditor, beside the views of 0003_auditor_views.sql.
CREATE VIEW v_document_numbers AS
SELECT d.term AS 年度,
       CASE d.kind WHEN 'notice' THEN '表彰通报' ELSE d.kind END AS 文种,
       d.serial AS 顺序号,
       d.number AS 文号,
       d.issued_at AS 编号时间,
       d.issued_by AS 经办人
FROM document_number d;
