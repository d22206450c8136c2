-- Which reviewer scores which project in a cycle: set by the deciders, by hand or round-robin by category.
CREATE TABLE review_assignment (
    cycle       VARCHAR(64) NOT NULL REFERENCES cycle (id),
    project     VARCHAR(64) NOT NULL REFERENCES project (id),
    reviewer    VARCHAR(64) NOT NULL,
    assigned_at TIMESTAMP WITH TIME ZONE NOT NULL,
    assigned_by VARCHAR(64) NOT NULL,
    PRIMARY KEY (cycle, project, reviewer)
);

CREATE INDEX review_assignment_reviewer ON review_assignment (cycle, reviewer);

-- The draft a re-solve replaced, so the review page can list what the re-solve changed.
ALTER TABLE plan ADD COLUMN previous_plan_json TEXT;
