-- Conveyor schema v1: the three-stage conveyor. Forward-only: never edit a
-- released migration; add a new file instead.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Steps of each of the three fixed stages, ordered, with a win probability.
CREATE TABLE steps (
    id              INTEGER PRIMARY KEY,
    stage           TEXT    NOT NULL CHECK (stage IN ('lead_generation', 'first_deal', 'account_development')),
    name            TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    position        INTEGER NOT NULL,
    probability_pct INTEGER NOT NULL CHECK (probability_pct BETWEEN 0 AND 100),
    archived_at     TEXT,
    created_at      TEXT    NOT NULL
) STRICT;
CREATE INDEX steps_by_stage ON steps (stage, position);

CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email       TEXT,
    phone       TEXT,
    is_owner    INTEGER NOT NULL DEFAULT 0 CHECK (is_owner IN (0, 1)),
    archived_at TEXT,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
) STRICT;

-- Who holds which role; the owner holds all four at first.
CREATE TABLE person_roles (
    person_id INTEGER NOT NULL REFERENCES people (id),
    role      TEXT    NOT NULL CHECK (role IN ('hunter', 'closer', 'account_manager', 'head_of_sales')),
    since     TEXT    NOT NULL,
    PRIMARY KEY (person_id, role)
) STRICT;

CREATE TABLE companies (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    industry    TEXT,
    city        TEXT,
    phone       TEXT,
    email       TEXT,
    website     TEXT,
    notes       TEXT,
    source      TEXT,
    abc         TEXT CHECK (abc IN ('A', 'B', 'C')),
    owner_id    INTEGER REFERENCES people (id),
    archived_at TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE contacts (
    id             INTEGER PRIMARY KEY,
    company_id     INTEGER REFERENCES companies (id),
    first_name     TEXT NOT NULL DEFAULT '',
    last_name      TEXT NOT NULL DEFAULT '',
    title          TEXT,
    phone          TEXT,
    email          TEXT,
    notes          TEXT,
    source         TEXT,
    referred_by_id INTEGER REFERENCES contacts (id),
    owner_id       INTEGER REFERENCES people (id),
    archived_at    TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK (length(first_name) + length(last_name) > 0)
) STRICT;
CREATE INDEX contacts_by_company ON contacts (company_id);

-- A deal's stage is its step's stage.
CREATE TABLE deals (
    id              INTEGER PRIMARY KEY,
    title           TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    company_id      INTEGER REFERENCES companies (id),
    contact_id      INTEGER REFERENCES contacts (id),
    step_id         INTEGER NOT NULL REFERENCES steps (id),
    value_minor     INTEGER NOT NULL CHECK (value_minor >= 0),
    currency        TEXT    NOT NULL CHECK (length(currency) = 3),
    owner_id        INTEGER REFERENCES people (id),
    source          TEXT    NOT NULL,
    referred_by_id  INTEGER REFERENCES contacts (id),
    next_step       TEXT,
    next_step_date  TEXT,
    status          TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost', 'disqualified')),
    close_reason    TEXT,
    closed_on       TEXT,
    step_entered_on TEXT    NOT NULL,
    archived_at     TEXT,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
) STRICT;
CREATE INDEX deals_open_by_step ON deals (status, step_id);
CREATE INDEX deals_by_company ON deals (company_id);
CREATE INDEX deals_by_contact ON deals (contact_id);

CREATE TABLE activities (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('call', 'meeting', 'task', 'email', 'note')),
    subject      TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 500),
    deal_id      INTEGER REFERENCES deals (id),
    contact_id   INTEGER REFERENCES contacts (id),
    company_id   INTEGER REFERENCES companies (id),
    owner_id     INTEGER REFERENCES people (id),
    due_at       TEXT,
    done_at      TEXT,
    outcome      TEXT,
    duration_min INTEGER CHECK (duration_min >= 0),
    notes        TEXT,
    archived_at  TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX activities_by_deal ON activities (deal_id);
CREATE INDEX activities_by_contact ON activities (contact_id);
CREATE INDEX activities_by_company ON activities (company_id, done_at);
CREATE INDEX activities_open_by_due ON activities (due_at) WHERE done_at IS NULL;

CREATE TABLE orders (
    id           INTEGER PRIMARY KEY,
    company_id   INTEGER NOT NULL REFERENCES companies (id),
    contact_id   INTEGER REFERENCES contacts (id),
    deal_id      INTEGER REFERENCES deals (id),
    order_date   TEXT    NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    margin_minor INTEGER NOT NULL,
    currency     TEXT    NOT NULL CHECK (length(currency) = 3),
    notes        TEXT,
    archived_at  TEXT,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
) STRICT;
CREATE INDEX orders_by_company ON orders (company_id, order_date);
CREATE INDEX orders_by_date ON orders (order_date);
