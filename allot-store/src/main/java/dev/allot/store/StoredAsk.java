package dev.allot.store;

import dev.allot.core.model.Ask;
import java.util.Objects;

/**
 * An ask with the evidence behind it, and whether its lead confirmed it ({@link AskState#CONFIRMED}) or it was carried
 * over from the previous cycle ({@link AskState#CARRIED}).
 */
public record StoredAsk(Ask ask, Evidence evidence, AskState state) {
    public StoredAsk {
        Objects.requireNonNull(ask, "ask");
        evidence = evidence == null ? Evidence.NONE : evidence;
        state = state == null ? AskState.CONFIRMED : state;
        if (state == AskState.MISSING) {
            throw new IllegalArgumentException("a stored ask is confirmed or carried, not missing");
        }
    }

    /** An ask as its lead writes it: confirmed. */
    public StoredAsk(Ask ask, Evidence evidence) {
        this(ask, evidence, AskState.CONFIRMED);
    }

    /** The same ask, carried over into a new cycle. */
    public StoredAsk carried() {
        return new StoredAsk(ask, evidence, AskState.CARRIED);
    }
}
