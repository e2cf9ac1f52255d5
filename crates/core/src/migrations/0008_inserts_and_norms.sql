-- Conveyor schema 8: cheaper inserts and a hand-off norm read from an index.
--
-- 1. The same CHECK constraints, written so inserts stay cheap.
--
-- SQLite evaluates a CHECK of the form `x IN ('a', 'b', …)` by building a
-- temporary b-tree of the list on every INSERT (OpenEphemeral): about 30,000
-- instructions per row on companies, deals and activities, the largest single
-- cost of a contact import. The Rust step after this file rewrites each such
-- CHECK in the stored table definitions as `x = 'a' OR x = 'b' OR …`, which
-- accepts and refuses exactly the same values (NULL passes both ways) and
-- leaves the stored rows as they are, so no table is copied. This is the
-- documented way to change CHECK constraints in place (writable_schema and a
-- schema_version bump, https://sqlite.org/lang_altertable.html#otheralter).
--
-- New tables write their lists with OR from now on; a test keeps every
-- table's INSERT free of temporary b-trees.
--
-- 2. Each hand-off remembers how many required fields of its card (as the
-- card is configured now) it leaves empty. The norm "hand-off card complete"
-- then reads two small indexes instead of parsing the JSON card of every open
-- first deal and every won deal on each Today (150 ms at 100,000 contacts).
-- The Rust step fills the column; the store recounts it whenever a card's
-- fields change.
ALTER TABLE handoffs ADD COLUMN missing INTEGER NOT NULL DEFAULT 0;
CREATE INDEX handoffs_complete ON handoffs (deal_id, to_stage) WHERE missing = 0;
CREATE INDEX handoffs_incomplete ON handoffs (to_stage, deal_id) WHERE missing > 0;

-- 3. The plan's history counts deals per step and status from an index alone
-- (first-deal outcomes and the stage-1 conversion read the whole table).
CREATE INDEX deals_by_step_status ON deals (step_id, status) WHERE archived_at IS NULL;
