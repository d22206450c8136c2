package dev.allot.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.app.CliRun;
import org.junit.jupiter.api.Test;

/** Bad single sign-on options stop {@code allot serve} before it opens the store, each problem named. */
class ServeSignOnOptionsTest {
    @Test
    void signOnOptionsWithoutAnIssuerAreRefused() {
        CliRun run = CliRun.of("serve", "--port", "0", "--oidc-client-id", "allot");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--oidc-issuer: missing");
    }

    @Test
    void everyBadSignOnOptionIsNamedAtOnce() {
        CliRun run = CliRun.of(
                "serve",
                "--port",
                "0",
                "--oidc-issuer",
                "http://idp.example/realms/lab",
                "--oidc-client-id",
                "allot",
                "--oidc-client-secret-file",
                "/nonexistent/secret",
                "--oidc-role-map",
                "group:gpu-deciders=boss,default=viewer");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("--oidc-issuer 'http://idp.example/realms/lab': not an https URL")
                .contains("--oidc-client-secret-file '/nonexistent/secret': cannot be read")
                .contains("unknown role 'boss'");
    }
}
