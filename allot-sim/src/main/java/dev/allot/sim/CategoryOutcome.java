package dev.allot.sim;

import dev.allot.core.model.CategoryId;

/** What a run did to one category: its projects' figures summed, distributions pooled. */
public record CategoryOutcome(CategoryId category, int grantedGpus, Totals totals) {}
