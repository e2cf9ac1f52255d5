-- Conveyor schema 9: a bulk import writes its rows now and their search
-- entries just after.
--
-- Building the search entries of 100,000 imported contacts costs more than
-- writing the contacts themselves (tokenising and sorting about two million
-- words). The import now commits its rows, all or nothing, with one line
-- here per kind saying which ids still lack their search entries; the
-- entries are then made right after (the CLI in one more transaction before
-- it exits; the app in the background, in small transactions, and again
-- when it next opens the file if a program was stopped in between). Until
-- then search reads these rows directly, so an imported contact is findable
-- the moment the import ends.
CREATE TABLE search_backlog (
    id       INTEGER PRIMARY KEY,
    kind     TEXT    NOT NULL CHECK (kind = 'contact' OR kind = 'company'),
    first_id INTEGER NOT NULL,
    last_id  INTEGER NOT NULL,
    CHECK (first_id <= last_id)
) STRICT;
