-- GPU-hour budgets of a category: GPU-hours of one type for one cycle, summed over every project of the category (at
-- most one per category and type). position orders them among the cycle's project budgets (table budget), so that
-- the cycle's budgets read back in the order they were written.
CREATE TABLE category_budget (
    cycle     VARCHAR(64) NOT NULL REFERENCES cycle (id),
    category  VARCHAR(64) NOT NULL REFERENCES category (id),
    gpu_type  VARCHAR(64) NOT NULL REFERENCES gpu_type (id),
    gpu_hours DOUBLE PRECISION NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (cycle, category, gpu_type)
);
