-- Conveyor schema: tags, custom fields and merges of duplicate clients.
--
-- A tag is a word a person (or an imported group list / vCard CATEGORIES)
-- puts on a company or a contact; `name_key` is the folded name, so
-- "VIP" and "vip" are one tag.
CREATE TABLE tags (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    name_key TEXT NOT NULL UNIQUE
) STRICT;

-- Which record carries which tag. `entity` is 'company' or 'contact'.
CREATE TABLE tag_links (
    entity    TEXT    NOT NULL CHECK (entity = 'company' OR entity = 'contact'),
    record_id INTEGER NOT NULL,
    tag_id    INTEGER NOT NULL REFERENCES tags (id),
    PRIMARY KEY (entity, record_id, tag_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX tag_links_by_tag ON tag_links (tag_id, entity, record_id);

-- The workspace's own fields on companies or contacts. `key` is stable (it
-- names the CSV column and the vCard X- property); `label` is what people
-- read; `choices` a JSON array of the allowed values of a 'choice' field.
CREATE TABLE custom_fields (
    id       INTEGER PRIMARY KEY,
    entity   TEXT    NOT NULL CHECK (entity = 'company' OR entity = 'contact'),
    key      TEXT    NOT NULL CHECK (length(key) BETWEEN 1 AND 60),
    label    TEXT    NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
    kind     TEXT    NOT NULL CHECK (kind = 'text' OR kind = 'number' OR kind = 'money' OR kind = 'date' OR kind = 'choice' OR kind = 'yes_no'),
    choices  TEXT    NOT NULL DEFAULT '[]',
    position INTEGER NOT NULL,
    UNIQUE (entity, key)
) STRICT;

-- A record's value of a custom field, in its canonical text form (number:
-- decimal with a point; money: integer minor units; date: YYYY-MM-DD;
-- yes/no: 'yes' or 'no'). No row means no value.
CREATE TABLE custom_values (
    field_id  INTEGER NOT NULL REFERENCES custom_fields (id) ON DELETE CASCADE,
    record_id INTEGER NOT NULL,
    value     TEXT    NOT NULL,
    PRIMARY KEY (field_id, record_id)
) STRICT, WITHOUT ROWID;

-- Merges of two clients, kept so a merge can be undone: what was moved from
-- the merged-away record to the kept one (`moved`, JSON) and the kept
-- record's fields before (`kept_before`, JSON). The merged-away record is
-- archived, never deleted.
CREATE TABLE merges (
    id          INTEGER PRIMARY KEY,
    entity      TEXT    NOT NULL CHECK (entity = 'company' OR entity = 'contact'),
    kept_id     INTEGER NOT NULL,
    merged_id   INTEGER NOT NULL,
    moved       TEXT    NOT NULL,
    kept_before TEXT    NOT NULL,
    note_id     INTEGER,
    created_at  TEXT    NOT NULL,
    undone_at   TEXT
) STRICT;
