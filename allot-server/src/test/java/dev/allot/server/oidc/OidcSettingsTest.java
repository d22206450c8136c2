package dev.allot.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OidcSettingsTest {
    @TempDir
    Path dir;

    @Test
    void readsTheSecretFileAndFillsTheDefaults() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "s3cret\n");
        OidcSettings settings = OidcSettings.read(
                "https://idp.example/realms/lab", "allot", secret, List.of(), List.of(), null, null, null);
        assertThat(settings.clientSecret()).contains("s3cret");
        assertThat(settings.scopes()).containsExactly("openid", "profile", "email");
        assertThat(settings.audience()).isEqualTo("allot");
        assertThat(settings.userClaim()).isEqualTo("preferred_username");
        assertThat(settings.redirectUri()).isEmpty();
    }

    @Test
    void plainHttpOnlyForAProviderOnThisMachine() {
        assertThat(OidcSettings.read(
                                "http://127.0.0.1:8089/realms/allot", "allot", null, List.of(), List.of(), "", "", "")
                        .issuer())
                .hasPort(8089);
        assertThatThrownBy(() -> OidcSettings.read(
                        "http://idp.example/realms/lab", "allot", null, List.of(), List.of(), null, null, null))
                .hasMessageContaining("--oidc-issuer 'http://idp.example/realms/lab': not an https URL");
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        assertThatThrownBy(() -> OidcSettings.read(
                        "idp.example",
                        " ",
                        dir.resolve("missing"),
                        List.of("profile"),
                        List.of("group:x=boss"),
                        null,
                        null,
                        "https://allot.example/cb?x=1"))
                .isInstanceOfSatisfying(AllotException.class, e -> {
                    assertThat(e.code()).isEqualTo("oidc-settings");
                    assertThat(e.problems())
                            .extracting(dev.allot.core.Problem::path)
                            .containsExactly(
                                    "--oidc-issuer",
                                    "--oidc-client-id",
                                    "--oidc-client-secret-file",
                                    "--oidc-scopes",
                                    "--oidc-redirect-uri",
                                    "--oidc-role-map");
                });
    }
}
