-- Migration 9: the two checks of a new sheet become one trigger. The term must be open (as
-- `sheet_closed_insert` said) and the marks within the term's scheme (as
-- `sheet_marks_in_scheme` said), with the same messages, the term's checked first as
-- before; but the nomination is found once, by one statement, not once by each trigger.
-- An import writes hundreds of thousands of sheets, and this is a third of the cost of
-- the checks.

DROP TRIGGER sheet_marks_in_scheme;
DROP TRIGGER sheet_closed_insert;

CREATE TRIGGER sheet_insert_guard BEFORE INSERT ON sheet
BEGIN
    SELECT CASE
        WHEN t.state <> 'open' THEN RAISE(ABORT, 'the term is not open: awarded or closed')
        WHEN EXISTS (
            SELECT 1 FROM criterion c JOIN scheme s ON s.term = c.term
            WHERE c.term = n.term AND c.category = n.category AND (
                (c.idx = 1 AND (NEW.c1 > c.max OR NEW.c1 % s.step <> 0)) OR
                (c.idx = 2 AND (NEW.c2 > c.max OR NEW.c2 % s.step <> 0)) OR
                (c.idx = 3 AND (NEW.c3 > c.max OR NEW.c3 % s.step <> 0)) OR
                (c.idx = 4 AND (NEW.c4 > c.max OR NEW.c4 % s.step <> 0)) OR
                (c.idx = 5 AND (NEW.c5 > c.max OR NEW.c5 % s.step <> 0))))
        THEN RAISE(ABORT, 'a mark is outside the term''s scheme')
    END
    FROM nomination n JOIN term t ON t.year = n.term
    WHERE n.id = NEW.nomination;
END;
