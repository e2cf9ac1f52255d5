-- Conveyor schema: plans and reviews (DESIGN.md §2 "Planning", "Clients by
-- value", "Routines", the self-assessment).

-- The numbers a plan starts from when the workspace's history is too thin to
-- measure them, and the thresholds of the client analytics. One row.
CREATE TABLE plan_params (
    id                       INTEGER PRIMARY KEY CHECK (id = 1),
    call_to_lead             REAL    NOT NULL CHECK (call_to_lead > 0 AND call_to_lead <= 1),
    lead_to_qualified        REAL    NOT NULL CHECK (lead_to_qualified > 0 AND lead_to_qualified <= 1),
    qualified_to_offer       REAL    NOT NULL CHECK (qualified_to_offer > 0 AND qualified_to_offer <= 1),
    offer_to_won             REAL    NOT NULL CHECK (offer_to_won > 0 AND offer_to_won <= 1),
    avg_first_deal_minor     INTEGER NOT NULL CHECK (avg_first_deal_minor > 0),
    repeat_order_minor       INTEGER NOT NULL CHECK (repeat_order_minor >= 0),
    -- Repeat orders a client places per month.
    repeat_orders_per_month  REAL    NOT NULL CHECK (repeat_orders_per_month >= 0),
    margin                   REAL    NOT NULL CHECK (margin > 0 AND margin <= 1),
    cycle_days               INTEGER NOT NULL CHECK (cycle_days BETWEEN 1 AND 730),
    working_days_per_week    INTEGER NOT NULL CHECK (working_days_per_week BETWEEN 1 AND 7),
    minutes_per_call         INTEGER NOT NULL CHECK (minutes_per_call BETWEEN 1 AND 120),
    -- ABC: A = the clients making the first abc_a_pct % of turnover, B the next abc_b_pct %.
    abc_a_pct                INTEGER NOT NULL CHECK (abc_a_pct BETWEEN 1 AND 99),
    abc_b_pct                INTEGER NOT NULL CHECK (abc_b_pct BETWEEN 0 AND 98 AND abc_a_pct + abc_b_pct < 100),
    -- Warn when one client makes more than this share of turnover.
    concentration_pct        INTEGER NOT NULL CHECK (concentration_pct BETWEEN 1 AND 100),
    -- The middle of the niche, in the user's words (shown next to the plan).
    niche_benchmark          TEXT    CHECK (niche_benchmark IS NULL OR length(niche_benchmark) <= 2000),
    updated_at               TEXT
) STRICT;
INSERT INTO plan_params VALUES (1, 0.10, 0.30, 0.60, 0.35, 100000, 50000, 1.0, 0.25, 30, 5, 6, 80, 15, 20, NULL, NULL);

-- A saved plan for one period: the target and everything it was derived from.
CREATE TABLE plans (
    id                INTEGER PRIMARY KEY,
    period            TEXT    NOT NULL UNIQUE,        -- 2027-01, 2027-Q1 or 2027
    period_start      TEXT    NOT NULL,
    period_end        TEXT    NOT NULL,               -- the first day after
    target_kind       TEXT    NOT NULL CHECK (target_kind IN ('turnover', 'profit')),
    target_minor      INTEGER NOT NULL CHECK (target_minor >= 0),
    conversion_uplift REAL    NOT NULL,
    deal_size_uplift  REAL    NOT NULL,
    niche_benchmark   TEXT,
    derivation        TEXT    NOT NULL,               -- JSON PlanDerivation (rates, measured or default)
    approved_at       TEXT,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL
) STRICT;

-- The plan split per person and stage.
CREATE TABLE plan_lines (
    plan_id         INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    person_id       INTEGER REFERENCES people (id),
    stage           TEXT    NOT NULL CHECK (stage IN ('lead_generation', 'first_deal', 'account_development')),
    calls           INTEGER NOT NULL DEFAULT 0,
    leads           INTEGER NOT NULL DEFAULT 0,
    qualified_leads INTEGER NOT NULL DEFAULT 0,
    offers          INTEGER NOT NULL DEFAULT 0,
    first_deals     INTEGER NOT NULL DEFAULT 0,
    repeat_orders   INTEGER NOT NULL DEFAULT 0,
    turnover_minor  INTEGER NOT NULL DEFAULT 0,
    profit_minor    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE UNIQUE INDEX plan_lines_key ON plan_lines (plan_id, coalesce(person_id, 0), stage);

-- Guided reviews: daily, weekly (Friday planning) and monthly.
CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL CHECK (kind IN ('daily', 'weekly', 'monthly')),
    -- The day (daily), the Monday of the week (weekly) or the month's first day (monthly).
    period_on   TEXT    NOT NULL,
    person_id   INTEGER REFERENCES people (id),
    answers     TEXT    NOT NULL DEFAULT '{}',        -- JSON object: question key -> text
    -- The numbers as they stood when the review was closed (JSON).
    snapshot    TEXT,
    status      TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    closed_at   TEXT
) STRICT;
CREATE UNIQUE INDEX reviews_key ON reviews (kind, period_on, coalesce(person_id, 0));

-- Issues raised in a review, each with an owner and a due date.
CREATE TABLE review_issues (
    id              INTEGER PRIMARY KEY,
    review_id       INTEGER NOT NULL REFERENCES reviews (id),
    text            TEXT    NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    owner_id        INTEGER REFERENCES people (id),
    due_on          TEXT,
    status          TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'carried')),
    carried_from_id INTEGER REFERENCES review_issues (id),
    created_at      TEXT    NOT NULL,
    closed_at       TEXT
) STRICT;
CREATE INDEX review_issues_by_review ON review_issues (review_id, id);

-- The head-of-sales self-assessment: 21 answers per sitting.
CREATE TABLE assessments (
    id         INTEGER PRIMARY KEY,
    taken_on   TEXT NOT NULL,
    person_id  INTEGER REFERENCES people (id),
    answers    TEXT NOT NULL,                         -- JSON array of 21 "yes"/"partly"/"no"
    created_at TEXT NOT NULL
) STRICT;

-- Plan vs fact counts a period's new deals, hand-offs, closings and orders,
-- and weighs the open pipeline, each from an index alone (100,000 contacts).
CREATE INDEX deals_by_created ON deals (created_at, step_id, owner_id) WHERE archived_at IS NULL;
CREATE INDEX deals_closed ON deals (closed_on, owner_id) WHERE status <> 'open' AND archived_at IS NULL;
CREATE INDEX deals_by_step_entered ON deals (step_entered_on, step_id, owner_id) WHERE archived_at IS NULL;
CREATE INDEX deals_open_by_created ON deals (created_at, step_id, value_minor, owner_id) WHERE status = 'open' AND archived_at IS NULL;
CREATE INDEX handoffs_by_created ON handoffs (from_stage, created_at);
CREATE INDEX orders_live_by_date ON orders (order_date, company_id, deal_id, amount_minor, margin_minor) WHERE archived_at IS NULL;
