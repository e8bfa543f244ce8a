-- Migration 2: the audit record becomes a hash chain.
--
-- Each entry gets the hash of the entry before it (`prev`), the digest of the rows it wrote
-- or changed (`rows`), and its own SHA-256 (`hash`) over all of that and its content. Which
-- rows, and their digests before and after, are listed in `audit_row`. The code between
-- this file and 0002_chain_guard.sql hashes the history the database already has and
-- records every row as it stands, so that from then on every row has a record.

DROP TRIGGER audit_no_update;

ALTER TABLE audit ADD COLUMN prev TEXT;
ALTER TABLE audit ADD COLUMN rows TEXT;
ALTER TABLE audit ADD COLUMN hash TEXT;

-- The rows of each entry: a row is its table and key (the primary key's values joined by
-- '/'); `before` is the digest the record last gave it (NULL when the entry made it),
-- `after` the digest it had when the entry was written.
CREATE TABLE audit_row (
    entry  INTEGER NOT NULL REFERENCES audit (id),
    tbl    TEXT NOT NULL,
    key    TEXT NOT NULL,
    before TEXT,
    after  TEXT,
    PRIMARY KEY (entry, tbl, key)
) STRICT;
CREATE INDEX audit_row_latest ON audit_row (tbl, key, entry);
