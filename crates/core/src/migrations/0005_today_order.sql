-- Conveyor schema v5: Today's ordered lists (overdue, due per stage) read
-- their first rows straight from the index in order, with the owner and the
-- step in it, instead of sorting every due deal with its joins.
DROP INDEX deals_open_by_next_date;
CREATE INDEX deals_open_by_next_date ON deals (next_step_date, id, owner_id, step_id)
    WHERE status = 'open' AND archived_at IS NULL;
