-- Conveyor schema: the playbook. Scripts per stage with versions, the
-- regulations of each stage and role (routines, norms, standards), the
-- occurrences routines have generated (each exactly once), drafts of the
-- hand-off cards filled during calls, the log of role hand-overs and the
-- weekly time table.

CREATE TABLE scripts (
    id                 INTEGER PRIMARY KEY,
    key                TEXT    NOT NULL CHECK (length(key) BETWEEN 1 AND 60),
    stage              TEXT    NOT NULL CHECK (stage IN ('lead_generation', 'first_deal', 'account_development')),
    name               TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    purpose            TEXT    NOT NULL DEFAULT '',
    position           INTEGER NOT NULL,
    current_version_id INTEGER,
    archived_at        TEXT,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL
) STRICT;
CREATE UNIQUE INDEX scripts_live_key ON scripts (key) WHERE archived_at IS NULL;

-- Every save of a script's content is a new version; activities point at the
-- version used. body: JSON {"blocks": [...], "objections": [...]} (FORMAT.md).
CREATE TABLE script_versions (
    id         INTEGER PRIMARY KEY,
    script_id  INTEGER NOT NULL REFERENCES scripts (id),
    number     INTEGER NOT NULL,
    body       TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    UNIQUE (script_id, number)
) STRICT;

ALTER TABLE activities ADD COLUMN script_version_id INTEGER REFERENCES script_versions (id);

CREATE TABLE regulations (
    id          INTEGER PRIMARY KEY,
    key         TEXT    NOT NULL CHECK (length(key) BETWEEN 1 AND 60),
    stage       TEXT    CHECK (stage IN ('lead_generation', 'first_deal', 'account_development')),
    role        TEXT    NOT NULL CHECK (role IN ('hunter', 'closer', 'account_manager', 'head_of_sales')),
    kind        TEXT    NOT NULL CHECK (kind IN ('routine', 'norm', 'standard')),
    title       TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    text        TEXT    NOT NULL DEFAULT '',
    rule        TEXT,            -- JSON (FORMAT.md), NULL for standards
    documents   TEXT    NOT NULL DEFAULT '[]', -- JSON array of document codes
    position    INTEGER NOT NULL,
    archived_at TEXT,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
) STRICT;
CREATE UNIQUE INDEX regulations_live_key ON regulations (key) WHERE archived_at IS NULL;

-- One row per occurrence a routine generated: the UNIQUE key is what makes
-- generation idempotent across runs, restarts and clock changes.
CREATE TABLE routine_occurrences (
    id             INTEGER PRIMARY KEY,
    regulation_id  INTEGER NOT NULL REFERENCES regulations (id),
    occurrence_key TEXT    NOT NULL,
    activity_id    INTEGER REFERENCES activities (id),
    created_at     TEXT    NOT NULL,
    UNIQUE (regulation_id, occurrence_key)
) STRICT;
CREATE INDEX routine_occurrences_by_activity ON routine_occurrences (activity_id);

-- Hand-off card answers captured during calls, waiting for the hand-off dialog.
CREATE TABLE card_drafts (
    deal_id    INTEGER NOT NULL REFERENCES deals (id),
    card       TEXT    NOT NULL CHECK (card IN ('qualification', 'handover')),
    key        TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (deal_id, card, key)
) STRICT;

-- A role given to another person, with the open work that moved (JSON of ids).
CREATE TABLE role_handovers (
    id             INTEGER PRIMARY KEY,
    role           TEXT    NOT NULL CHECK (role IN ('hunter', 'closer', 'account_manager', 'head_of_sales')),
    from_person_id INTEGER REFERENCES people (id),
    to_person_id   INTEGER NOT NULL REFERENCES people (id),
    moved          TEXT    NOT NULL,
    created_at     TEXT    NOT NULL,
    undone_at      TEXT
) STRICT;

-- The weekly time table: planned blocks per person and stage.
CREATE TABLE timetable_blocks (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people (id),
    weekday   INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start     TEXT    NOT NULL CHECK (length(start) = 5),
    minutes   INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 1440),
    stage     TEXT    NOT NULL CHECK (stage IN ('lead_generation', 'first_deal', 'account_development'))
) STRICT;
CREATE INDEX timetable_by_person ON timetable_blocks (person_id, weekday, start);

-- The inbound-response norm reads untouched inbound leads straight from here.
CREATE INDEX deals_open_inbound_untouched ON deals (created_at, owner_id)
    WHERE status = 'open' AND archived_at IS NULL AND source = 'inbound' AND last_activity_on IS NULL;
