-- Conveyor schema: a self-assessment that can be left part-way and resumed.
--
-- (The deal's expected close date, the person's own estimate of when the deal
-- will be won, came with 0011_sales_history.sql, where imports fill it too.)

-- The one unfinished sitting of the self-assessment: 21 answers, each
-- "yes"/"partly"/"no" or null while not answered yet. Saving the sitting
-- removes it.
CREATE TABLE assessment_drafts (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    answers    TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
