package dev.allot.application;

import dev.allot.core.model.Ask;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.store.AskState;
import dev.allot.store.Evidence;
import dev.allot.store.StoredAsk;
import dev.allot.store.Versioned;
import java.util.Objects;

/**
 * Where one project's ask stands in a cycle, and who must act on it.
 *
 * @param ask the ask; {@code null} when it is missing
 * @param evidence the evidence of the ask; {@code null} when it is missing
 * @param version the ask's version (for If-Match); {@code null} when it is missing
 */
public record AskStatus(ProjectId project, String lead, AskState state, Ask ask, Evidence evidence, Integer version) {
    public AskStatus {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(state, "state");
    }

    static AskStatus of(Project project, Versioned<StoredAsk> ask) {
        return ask == null
                ? new AskStatus(project.id(), project.lead(), AskState.MISSING, null, null, null)
                : new AskStatus(
                        project.id(),
                        project.lead(),
                        ask.value().state(),
                        ask.value().ask(),
                        ask.value().evidence(),
                        ask.version());
    }

    /** True when the lead still has to act: the ask is carried over or missing. */
    public boolean awaitsLead() {
        return state != AskState.CONFIRMED;
    }
}
