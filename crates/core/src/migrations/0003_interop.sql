-- Conveyor schema: interop. Contacts imported from phones and mail clients
-- carry more phones and e-mails than the primary `phone`/`email` columns, and
-- a birthday (full `YYYY-MM-DD` or partial `--MM-DD`, as vCard allows).

ALTER TABLE contacts ADD COLUMN birthday TEXT;

-- Additional phones and e-mails of a contact (the primary ones stay in
-- contacts.phone / contacts.email). `value_norm` is the value as compared
-- for duplicates: lower-case e-mail, or a phone's digits with its leading +.
CREATE TABLE contact_channels (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    kind       TEXT    NOT NULL CHECK (kind IN ('phone', 'email')),
    value      TEXT    NOT NULL CHECK (length(value) BETWEEN 1 AND 320),
    value_norm TEXT    NOT NULL,
    label      TEXT,
    position   INTEGER NOT NULL
) STRICT;
CREATE INDEX contact_channels_by_contact ON contact_channels (contact_id, position);
CREATE INDEX contact_channels_by_value ON contact_channels (kind, value_norm);
