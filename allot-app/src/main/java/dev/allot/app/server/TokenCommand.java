package dev.allot.app.server;

import dev.allot.store.Role;
import dev.allot.store.TokenRepository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code allot token create}: API tokens; only their hash is stored, so the token is printed once. */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Manage API tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.Revoke.class})
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
                description = "admin, decider, reviewer, lead or viewer.")
        String tokenRole;

        @Option(names = "--label", defaultValue = "", description = "What the token is for (e.g. laptop, ci).")
        String label;

        @Override
        public Integer call() {
            return store.run(opened -> {
                TokenRepository.Issued issued =
                        opened.tokens().create(user, Role.parse(tokenRole, "--role"), label, store.actor());
                System.out.println(issued.token());
                System.err.printf(
                        "Token for %s (%s). It is shown only now; use it as 'Authorization: Bearer ...'.%n",
                        issued.user(), issued.role().label());
            });
        }
    }

    /** Revokes a token at once (the API refuses it from the next request on). */
    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an API token or session.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @picocli.CommandLine.Parameters(paramLabel = "TOKEN", description = "The token, as printed by create.")
        String token;

        @Override
        public Integer call() {
            return store.run(opened -> {
                if (!opened.tokens().revoke(token, store.actor())) {
                    throw new dev.allot.core.AllotException(
                            dev.allot.core.AllotException.Kind.NOT_FOUND,
                            "token-not-found",
                            "No such token. Maybe it was already revoked?");
                }
                System.out.println("Token revoked.");
            });
        }
    }
}
