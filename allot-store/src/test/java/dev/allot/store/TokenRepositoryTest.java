package dev.allot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tokens and the web sessions derived from them: revoking the token (or its user) ends them all at once. */
class TokenRepositoryTest {
    private static final Actor ROOT = new Actor("root", Role.ADMIN);
    private static final Duration HOUR = Duration.ofHours(1);

    private final Store store = Databases.h2();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void revokingATokenEndsEverySessionDerivedFromItAndMintsNoMore() {
        String token =
                store.tokens().create("ada", Role.DECIDER, "laptop", ROOT).token();
        String session = store.tokens().createSession(token, HOUR).orElseThrow().token();
        String sessionOfSession =
                store.tokens().createSession(session, HOUR).orElseThrow().token();
        assertThat(store.tokens().authenticate(sessionOfSession)).contains(new Actor("ada", Role.DECIDER));

        assertThat(store.tokens().revoke(token, ROOT)).isTrue();

        assertThat(store.tokens().authenticate(token)).isEmpty();
        assertThat(store.tokens().authenticate(session)).isEmpty();
        assertThat(store.tokens().authenticate(sessionOfSession)).isEmpty();
        assertThat(store.tokens().createSession(token, HOUR)).isEmpty();
        assertThat(store.tokens().createSession(session, HOUR)).isEmpty();
    }

    @Test
    void signingOutEndsOnlyThatSession() {
        String token =
                store.tokens().create("ada", Role.DECIDER, "laptop", ROOT).token();
        String kept = store.tokens().createSession(token, HOUR).orElseThrow().token();
        String ended = store.tokens().createSession(token, HOUR).orElseThrow().token();

        assertThat(store.tokens().revoke(ended, ROOT)).isTrue();

        assertThat(store.tokens().authenticate(ended)).isEmpty();
        assertThat(store.tokens().authenticate(kept)).isPresent();
        assertThat(store.tokens().authenticate(token)).isPresent();
    }

    @Test
    void revokingAUserEndsTheirTokensAndSessionsAndNobodyElses() {
        String first =
                store.tokens().create("ada", Role.DECIDER, "laptop", ROOT).token();
        String second = store.tokens().create("ada", Role.DECIDER, "ci", ROOT).token();
        String session = store.tokens().createSession(first, HOUR).orElseThrow().token();
        String other =
                store.tokens().create("grace", Role.DECIDER, "laptop", ROOT).token();

        assertThat(store.tokens().revokeUser("ada", ROOT)).isEqualTo(3);

        assertThat(store.tokens().authenticate(first)).isEmpty();
        assertThat(store.tokens().authenticate(second)).isEmpty();
        assertThat(store.tokens().authenticate(session)).isEmpty();
        assertThat(store.tokens().authenticate(other)).isPresent();
        assertThat(store.audit().list("user-tokens", "ada", 10)).hasSize(1);
    }

    @Test
    void anUnknownTokenMintsNoSession() {
        assertThat(store.tokens().createSession("allot_not-a-token", HOUR)).isEmpty();
        assertThat(store.tokens().createSession("", HOUR)).isEmpty();
        assertThat(store.tokens().createSession(null, HOUR)).isEmpty();
    }
}
