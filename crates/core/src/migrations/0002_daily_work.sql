-- Conveyor schema v2: daily work. Search, hand-offs with their cards,
-- and the denormalised dates that keep Today fast at 100,000 contacts.

-- Search across contacts and companies. The text is folded in Rust (case,
-- accents incl. Greek, ё→е) before it reaches FTS5, so queries folded the
-- same way match whatever the script. rowid = id * 2 (contact) or id * 2 + 1
-- (company).
CREATE VIRTUAL TABLE search_fts USING fts5(
    body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Where a company stands on the conveyor: 1 lead, 2 in a first deal, 3 client.
ALTER TABLE companies ADD COLUMN stage TEXT CHECK (stage IN ('lead_generation', 'first_deal', 'account_development'));
-- The first sale's date: a client from then on.
ALTER TABLE companies ADD COLUMN client_since TEXT;
-- The last done activity with the company (for check-in cadence).
ALTER TABLE companies ADD COLUMN last_activity_on TEXT;
-- When the next repeat order is expected, from the client's order rhythm.
ALTER TABLE companies ADD COLUMN expected_order_on TEXT;
CREATE INDEX companies_orders_due ON companies (expected_order_on) WHERE client_since IS NOT NULL AND archived_at IS NULL;
CREATE INDEX companies_clients_due ON companies (abc, last_activity_on) WHERE client_since IS NOT NULL AND archived_at IS NULL;
CREATE INDEX companies_by_stage ON companies (stage, name) WHERE archived_at IS NULL;
CREATE INDEX contacts_by_name ON contacts (last_name, first_name) WHERE archived_at IS NULL;

-- The last done activity on a deal (for the stale rule).
ALTER TABLE deals ADD COLUMN last_activity_on TEXT;
CREATE INDEX deals_open_by_next_date ON deals (next_step_date, owner_id) WHERE status = 'open' AND archived_at IS NULL;
-- Each Today list and board column reads only its own slice of an index.
CREATE INDEX deals_open_without_next ON deals (step_entered_on, owner_id)
    WHERE status = 'open' AND archived_at IS NULL AND (next_step IS NULL OR next_step_date IS NULL);
CREATE INDEX deals_open_by_last_activity ON deals (coalesce(last_activity_on, substr(created_at, 1, 10)), owner_id)
    WHERE status = 'open' AND archived_at IS NULL;
CREATE INDEX deals_open_column ON deals (step_id, next_step_date, id, owner_id) WHERE status = 'open' AND archived_at IS NULL;
CREATE INDEX deals_open_sums ON deals (step_id, currency, value_minor, owner_id, source) WHERE status = 'open' AND archived_at IS NULL;
CREATE INDEX deals_won ON deals (closed_on, created_at) WHERE status = 'won' AND archived_at IS NULL;
-- Superseded by the partial indexes above; the planner preferred it wrongly.
DROP INDEX deals_open_by_step;
CREATE INDEX activities_done_by_kind ON activities (kind, done_at);
DROP INDEX activities_open_by_due;
CREATE INDEX activities_open_by_due ON activities (due_at, owner_id) WHERE done_at IS NULL AND archived_at IS NULL;

-- The fields of the two hand-off cards, configurable per workspace.
CREATE TABLE card_fields (
    id          INTEGER PRIMARY KEY,
    card        TEXT    NOT NULL CHECK (card IN ('qualification', 'handover')),
    key         TEXT    NOT NULL CHECK (length(key) BETWEEN 1 AND 60),
    label       TEXT    NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    required    INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1)),
    position    INTEGER NOT NULL,
    archived_at TEXT,
    UNIQUE (card, key)
) STRICT;

-- A deal handed from one stage to the next, by whom to whom, with its card.
CREATE TABLE handoffs (
    id             INTEGER PRIMARY KEY,
    deal_id        INTEGER NOT NULL REFERENCES deals (id),
    company_id     INTEGER REFERENCES companies (id),
    from_stage     TEXT    NOT NULL,
    to_stage       TEXT    NOT NULL,
    from_person_id INTEGER REFERENCES people (id),
    to_person_id   INTEGER REFERENCES people (id),
    card           TEXT    NOT NULL, -- JSON object: field key -> text
    created_at     TEXT    NOT NULL
) STRICT;
CREATE INDEX handoffs_by_deal ON handoffs (deal_id);
CREATE INDEX handoffs_by_company ON handoffs (company_id);

-- Fill the new columns of an existing workspace from what it already holds.
UPDATE companies SET client_since = (
    SELECT min(d.closed_on) FROM deals d WHERE d.company_id = companies.id AND d.status = 'won');
UPDATE companies SET last_activity_on = (
    SELECT max(substr(a.done_at, 1, 10)) FROM activities a WHERE a.company_id = companies.id AND a.done_at IS NOT NULL);
-- A client's first sale counts as a contact (check-in cadence starts there).
UPDATE companies SET last_activity_on = client_since WHERE client_since IS NOT NULL AND last_activity_on IS NULL;
UPDATE deals SET last_activity_on = (
    SELECT max(substr(a.done_at, 1, 10)) FROM activities a WHERE a.deal_id = deals.id AND a.done_at IS NOT NULL);
UPDATE companies SET stage = CASE
    WHEN client_since IS NOT NULL THEN 'account_development'
    WHEN EXISTS (SELECT 1 FROM deals d JOIN steps s ON s.id = d.step_id
                 WHERE d.company_id = companies.id AND d.status = 'open' AND s.stage = 'first_deal') THEN 'first_deal'
    WHEN EXISTS (SELECT 1 FROM deals d JOIN steps s ON s.id = d.step_id
                 WHERE d.company_id = companies.id AND d.status = 'open' AND s.stage = 'lead_generation') THEN 'lead_generation'
END;
UPDATE companies SET expected_order_on = (
    SELECT CASE WHEN count(*) >= 2 THEN
        date(max(o.order_date), '+' || CAST(round((julianday(max(o.order_date)) - julianday(min(o.order_date))) / (count(*) - 1)) AS INTEGER) || ' days')
    END
    FROM orders o WHERE o.company_id = companies.id AND o.archived_at IS NULL);
