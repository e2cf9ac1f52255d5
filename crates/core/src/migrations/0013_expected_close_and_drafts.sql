-- Conveyor schema: a deal's expected close date, and a self-assessment
-- that can be left part-way and resumed.
--
-- The expected close date is the person's own estimate of when the deal
-- will be won (the next step date says what happens next, not when the deal
-- ends). It is empty for every deal written before.
ALTER TABLE deals ADD COLUMN expected_close_on TEXT;

-- The one unfinished sitting of the self-assessment: 21 answers, each
-- "yes"/"partly"/"no" or null while not answered yet. Saving the sitting
-- removes it.
CREATE TABLE assessment_drafts (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    answers    TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
