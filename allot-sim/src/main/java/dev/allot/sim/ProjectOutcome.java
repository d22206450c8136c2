package dev.allot.sim;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.ProjectId;

/** What a run did to one project. */
public record ProjectOutcome(ProjectId project, CategoryId category, Allocation grant, Totals totals) {}
