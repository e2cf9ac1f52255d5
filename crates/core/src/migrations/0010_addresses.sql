-- Conveyor schema 10: addresses. A company and a contact may each have
-- several (an office, a delivery point, a billing address, a home), as the
-- address books they are imported from do; before this a company had only
-- a city and every address in an imported file was lost.
--
-- `street` holds the street lines (PO box, extended address and street
-- joined by line breaks); empty parts are ''. Exactly one of company_id and
-- contact_id is set.
CREATE TABLE addresses (
    id         INTEGER PRIMARY KEY,
    company_id INTEGER REFERENCES companies (id),
    contact_id INTEGER REFERENCES contacts (id),
    kind       TEXT    NOT NULL CHECK (kind = 'office' OR kind = 'delivery' OR kind = 'billing' OR kind = 'home' OR kind = 'other'),
    street     TEXT    NOT NULL DEFAULT '' CHECK (length(street) <= 1000),
    city       TEXT    NOT NULL DEFAULT '' CHECK (length(city) <= 200),
    region     TEXT    NOT NULL DEFAULT '' CHECK (length(region) <= 200),
    postcode   TEXT    NOT NULL DEFAULT '' CHECK (length(postcode) <= 50),
    country    TEXT    NOT NULL DEFAULT '' CHECK (length(country) <= 200),
    position   INTEGER NOT NULL,
    CHECK ((company_id IS NULL) <> (contact_id IS NULL))
) STRICT;
CREATE INDEX addresses_by_company ON addresses (company_id, position) WHERE company_id IS NOT NULL;
CREATE INDEX addresses_by_contact ON addresses (contact_id, position) WHERE contact_id IS NOT NULL;

-- The kind of a contact's primary phone and e-mail, as the additional ones
-- keep theirs in contact_channels.label (`cell`, `work`, `fax`, …): the
-- file's labels were lost for the first phone and e-mail before this.
ALTER TABLE contacts ADD COLUMN phone_label TEXT;
ALTER TABLE contacts ADD COLUMN email_label TEXT;

-- What an address book keeps about a person beside the first and last name
-- (contacts.first_name = given, contacts.last_name = family): the display
-- name the file gave (vCard FN), the additional name (the patronymic of
-- Russian and Ukrainian names), prefix, suffix, nickname, department, role
-- and a website. One row per contact that has any of them.
CREATE TABLE contact_details (
    contact_id   INTEGER PRIMARY KEY REFERENCES contacts (id),
    display_name TEXT NOT NULL DEFAULT '' CHECK (length(display_name) <= 300),
    additional   TEXT NOT NULL DEFAULT '' CHECK (length(additional) <= 200),
    prefix       TEXT NOT NULL DEFAULT '' CHECK (length(prefix) <= 100),
    suffix       TEXT NOT NULL DEFAULT '' CHECK (length(suffix) <= 100),
    nickname     TEXT NOT NULL DEFAULT '' CHECK (length(nickname) <= 200),
    department   TEXT NOT NULL DEFAULT '' CHECK (length(department) <= 200),
    role         TEXT NOT NULL DEFAULT '' CHECK (length(role) <= 200),
    website      TEXT NOT NULL DEFAULT '' CHECK (length(website) <= 500)
) STRICT;
