package dev.allot.store;

import dev.allot.core.model.Ask;
import java.util.Objects;

/** An ask with the evidence behind it. */
public record StoredAsk(Ask ask, Evidence evidence) {
    public StoredAsk {
        Objects.requireNonNull(ask, "ask");
        evidence = evidence == null ? Evidence.NONE : evidence;
    }
}
