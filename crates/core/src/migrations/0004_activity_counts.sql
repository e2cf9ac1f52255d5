-- Conveyor schema v4: counting calls (Today's prospecting progress, the
-- plan's call-to-lead rate) reads only the index, never the table.
DROP INDEX activities_done_by_kind;
CREATE INDEX activities_live_done_by_kind ON activities (kind, done_at, owner_id) WHERE archived_at IS NULL;
