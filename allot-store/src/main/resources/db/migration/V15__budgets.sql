-- GPU-hour budgets: a project's GPU-hours of one type for one cycle (at most one per project and type). The planner
-- caps the sum of grants over the cycle's periods by them; the enforcers turn them into Slurm GrpTRESMins and a
-- Kueue quota that drops to zero once usage has spent them.
CREATE TABLE budget (
    cycle     VARCHAR(64) NOT NULL REFERENCES cycle (id),
    project   VARCHAR(64) NOT NULL REFERENCES project (id),
    gpu_type  VARCHAR(64) NOT NULL REFERENCES gpu_type (id),
    gpu_hours DOUBLE PRECISION NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (cycle, project, gpu_type)
);
