package dev.allot.app.server;

import dev.allot.store.Role;
import dev.allot.store.TokenRepository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code allot token list|create|revoke}: API tokens; only their hash is stored, so the token is printed once. Works
 * while {@code allot serve} runs on the same embedded store.
 */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Manage API tokens.",
        subcommands = {TokenCommand.ListTokens.class, TokenCommand.Create.class, TokenCommand.Revoke.class})
public final class TokenCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Creates a token and prints it (the only time it is shown). */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create an API token for a user with a role and print it once.")
    static final class Create implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--user", required = true, description = "Who the token is for (e.g. their login).")
        String user;

        @Option(
                names = "--role",
                required = true,
                paramLabel = "ROLE",
                description = "One of admin, decider, reviewer, lead or viewer.")
        String tokenRole;

        @Option(names = "--label", defaultValue = "", description = "What the token is for (e.g. laptop, ci).")
        String label;

        @Option(
                names = "--expires-in-days",
                paramLabel = "DAYS",
                defaultValue = "90",
                description = "Days until the token expires (default: ${DEFAULT-VALUE}; 0 = never).")
        int expiresInDays;

        @Override
        public Integer call() {
            if (expiresInDays < 0 || expiresInDays > 3650) {
                throw dev.allot.core.AllotException.invalid(
                        "invalid-expiry",
                        "--expires-in-days: " + expiresInDays + " is not from 0 (never) to 3650. Maybe 90?");
            }
            java.time.Duration lifetime = expiresInDays == 0 ? null : java.time.Duration.ofDays(expiresInDays);
            return store.runUseCases(application -> {
                TokenRepository.Issued issued = application
                        .tokens()
                        .create(user, Role.parse(tokenRole, "--role"), label, lifetime, store.actor());
                System.out.println(issued.token());
                System.err.printf(
                        "Token %s for %s (%s), %s. It is shown only now; use it as 'Authorization: Bearer ...'.%n",
                        issued.id(),
                        issued.user(),
                        issued.role().label(),
                        issued.expiresAt() == null ? "never expires" : "expires " + issued.expiresAt());
            });
        }
    }

    /** Lists API tokens: id, holder, role, label, expiry, last use, live sessions; never a secret. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List API tokens (id, user, role, label, expires, last used, live sessions).")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            return store.runUseCases(application -> {
                System.out.printf(
                        "%-12s  %-16s  %-8s  %-20s  %-20s  %-20s  %s%n",
                        "ID", "USER", "ROLE", "EXPIRES", "LAST USED", "CREATED", "SESSIONS  LABEL");
                for (dev.allot.store.TokenInfo token : application.tokens().list(store.actor())) {
                    System.out.printf(
                            "%-12s  %-16s  %-8s  %-20s  %-20s  %-20s  %8d  %s%n",
                            token.id(),
                            token.user(),
                            token.role().label(),
                            token.expiresAt() == null ? "never" : token.expiresAt(),
                            token.lastUsedAt() == null ? "never" : token.lastUsedAt(),
                            token.createdAt(),
                            token.liveSessions(),
                            token.label());
                }
            });
        }
    }

    /** Revokes a token at once, with every session derived from it (the API refuses them from the next request). */
    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = {
                "Revoke an API token (by its id from 'token list', or the token itself) and its web sessions, or every token of a user (--user). Works while 'allot serve' runs."
            })
    static final class Revoke implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @picocli.CommandLine.Parameters(
                paramLabel = "ID|TOKEN",
                arity = "0..1",
                description = "The id 'token list' shows, or the token as printed by create.")
        String token;

        @Option(names = "--user", paramLabel = "USER", description = "Revoke every token and session of USER.")
        String user;

        @Override
        public Integer call() {
            if ((token == null) == (user == null)) {
                throw dev.allot.core.AllotException.invalid(
                        "revoke-what",
                        "ID|TOKEN: give either a token id (or token), or --user, not both and not neither."
                                + " Maybe 'allot token list' to find the id?");
            }
            return store.runUseCases(application -> {
                if (user != null) {
                    System.out.printf(
                            "Revoked %d tokens and sessions of %s.%n",
                            application.tokens().revokeUser(user, store.actor()), user);
                    return;
                }
                boolean done = application.tokens().revokeTokenOrId(token, store.actor());
                if (!done) {
                    throw new dev.allot.core.AllotException(
                            dev.allot.core.AllotException.Kind.NOT_FOUND,
                            "token-not-found",
                            "ID|TOKEN: no such token. Maybe it was already revoked; 'allot token list' shows the live"
                                    + " ones?");
                }
                System.out.println("Token revoked, with its sessions.");
            });
        }
    }
}
