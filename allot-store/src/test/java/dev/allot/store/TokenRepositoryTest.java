package dev.allot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tokens and the web sessions derived from them: revoking the token (or its user) ends them all at once. */
class TokenRepositoryTest {
    private static final Actor ROOT = new Actor("root", Role.ADMIN);
    private static final Duration HOUR = Duration.ofHours(1);

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T09:00:00Z"));
    private final Store store =
            Store.open("jdbc:h2:mem:tokens-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", () -> now.get());

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

    @Test
    void tokensExpireAfter90DaysUnlessToldOtherwiseAndTheirSessionsWithThem() {
        String token =
                store.tokens().create("ada", Role.DECIDER, "laptop", ROOT).token();
        String forever =
                store.tokens().create("ci", Role.VIEWER, "ci", null, ROOT).token();
        String session = store.tokens()
                .createSession(token, Duration.ofDays(365))
                .orElseThrow()
                .token();

        now.set(now.get().plus(Duration.ofDays(89)));
        assertThat(store.tokens().authenticate(token)).isPresent();
        now.set(now.get().plus(Duration.ofDays(2)));

        assertThat(store.tokens().authenticate(token)).isEmpty();
        assertThat(store.tokens().authenticate(session))
                .as("a session never outlives its token")
                .isEmpty();
        assertThat(store.tokens().authenticate(forever)).isPresent();
    }

    @Test
    void theListShowsIdsLastUseAndSessionsButNoSecretAndRevokesById() {
        TokenRepository.Issued laptop = store.tokens().create("ada", Role.DECIDER, "laptop", ROOT);
        TokenRepository.Issued unused = store.tokens().create("grace", Role.REVIEWER, "ci", ROOT);
        store.tokens().createSession(laptop.token(), HOUR).orElseThrow();
        now.set(now.get().plusSeconds(600));
        store.tokens().authenticate(laptop.token());

        var listed = store.tokens().list();

        assertThat(listed).extracting(TokenInfo::id).containsExactlyInAnyOrder(laptop.id(), unused.id());
        TokenInfo first = listed.stream()
                .filter(t -> t.id().equals(laptop.id()))
                .findFirst()
                .orElseThrow();
        assertThat(first.lastUsedAt()).isEqualTo(now.get());
        assertThat(first.liveSessions()).isEqualTo(1);
        assertThat(first.expiresAt())
                .isEqualTo(Instant.parse("2026-12-06T09:00:00Z").plus(Duration.ofDays(90)));
        assertThat(listed.toString()).doesNotContain(laptop.token().substring(6));

        assertThat(store.tokens().revokeById(laptop.id(), ROOT)).isTrue();
        assertThat(store.tokens().revokeById(laptop.id(), ROOT)).isFalse();
        assertThat(store.tokens().revokeById("not-an-id", ROOT)).isFalse();
        assertThat(store.tokens().authenticate(laptop.token())).isEmpty();
        assertThat(store.tokens().list()).extracting(TokenInfo::id).containsExactly(unused.id());
    }
}
