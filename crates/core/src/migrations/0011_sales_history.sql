-- Conveyor schema: the sales history moved in from other programs (#15).
-- Deals and orders keep the id they had in the program they came from, so
-- importing the same export again changes nothing and a newer export
-- updates what changed. `external_source` is the export's kind (pipedrive,
-- hubspot, amocrm, bitrix24, generic, orders); NULL for rows made here.

ALTER TABLE deals ADD COLUMN external_source TEXT;
ALTER TABLE deals ADD COLUMN external_id TEXT;
ALTER TABLE deals ADD COLUMN product TEXT;
ALTER TABLE deals ADD COLUMN notes TEXT;
ALTER TABLE deals ADD COLUMN expected_close_on TEXT;
CREATE UNIQUE INDEX deals_by_external ON deals (external_source, external_id) WHERE external_id IS NOT NULL;

ALTER TABLE orders ADD COLUMN external_source TEXT;
ALTER TABLE orders ADD COLUMN external_id TEXT;
ALTER TABLE orders ADD COLUMN number TEXT;
ALTER TABLE orders ADD COLUMN product TEXT;
CREATE UNIQUE INDEX orders_by_external ON orders (external_source, external_id) WHERE external_id IS NOT NULL;
