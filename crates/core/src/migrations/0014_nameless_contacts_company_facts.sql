-- 0014: what a contacts file says about a company, and contacts known only
-- by their e-mail.
--
-- A company's size (employees), yearly revenue (minor units of the
-- workspace's currency) and parent company (another company of the
-- workspace), read from a contacts file's company columns or entered in the
-- profile. A company is never its own parent (the core refuses cycles).
ALTER TABLE companies ADD COLUMN employees INTEGER CHECK (employees IS NULL OR employees >= 0);
ALTER TABLE companies ADD COLUMN revenue_minor INTEGER CHECK (revenue_minor IS NULL OR revenue_minor >= 0);
ALTER TABLE companies ADD COLUMN parent_id INTEGER REFERENCES companies (id) CHECK (parent_id IS NULL OR parent_id <> id);
CREATE INDEX companies_by_parent ON companies (parent_id) WHERE parent_id IS NOT NULL;

-- A contact with no name but an e-mail (an address book's bare address) is
-- kept and shown as "name missing" for the person to complete: the
-- contacts' CHECK becomes "a name or an e-mail". SQLite cannot alter a
-- CHECK; the migration's Rust step rewrites the stored definition (a looser
-- rule every existing row already meets; no row is touched).
