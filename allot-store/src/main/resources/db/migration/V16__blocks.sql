-- Reserved blocks for big runs: part of a project's ask in one cycle. Each asks for gpus GPUs of one type (whole
-- nodes) held together for days consecutive days, starting on or after earliest_start and over by latest_end (the
-- first day after the block at the latest). The planner places each all or nothing; position keeps the order the
-- project listed them in.
CREATE TABLE reserved_block (
    cycle          VARCHAR(64) NOT NULL REFERENCES cycle (id),
    project        VARCHAR(64) NOT NULL REFERENCES project (id),
    position       INTEGER NOT NULL,
    gpu_type       VARCHAR(64) NOT NULL REFERENCES gpu_type (id),
    gpus           INTEGER NOT NULL,
    days           INTEGER NOT NULL,
    earliest_start DATE NOT NULL,
    latest_end     DATE NOT NULL,
    PRIMARY KEY (cycle, project, position)
);
