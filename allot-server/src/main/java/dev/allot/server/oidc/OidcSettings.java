package dev.allot.server.oidc;

import dev.allot.application.RoleMapping;
import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How Allot signs people in through the lab's OpenID Connect provider: the issuer (whose discovery document names
 * every endpoint and the signing keys), this client's id and secret, the scopes asked for, which claim is the Allot
 * user name, the audience access tokens must carry, and the role mapping.
 *
 * @param redirectUri where the provider sends the browser back; empty: this server's own {@code
 *     /login/sso/callback} as the browser reached it
 */
public record OidcSettings(
        URI issuer,
        String clientId,
        Optional<String> clientSecret,
        List<String> scopes,
        String userClaim,
        String audience,
        RoleMapping roles,
        Optional<URI> redirectUri) {
    public static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email");
    public static final String DEFAULT_USER_CLAIM = "preferred_username";

    public OidcSettings {
        scopes = List.copyOf(scopes);
    }

    /**
     * Checks the {@code allot serve} options and reads the secret file; every problem is reported at once.
     *
     * @param secretFile a file holding the client secret (first line); null for a public client
     * @param audience null or blank: the client id
     */
    public static OidcSettings read(
            String issuer,
            String clientId,
            Path secretFile,
            List<String> scopes,
            List<String> roleMap,
            String userClaim,
            String audience,
            String redirectUri) {
        List<Problem> problems = new ArrayList<>();
        URI issuerUri = uri("--oidc-issuer", issuer, problems);
        if (clientId == null || clientId.isBlank()) {
            problems.add(new Problem(
                    "--oidc-client-id",
                    String.valueOf(clientId),
                    "missing",
                    "Maybe the client id registered for Allot at the provider, e.g. allot?"));
        }
        Optional<String> secret = Optional.empty();
        if (secretFile != null) {
            try {
                String text =
                        Files.readString(secretFile, StandardCharsets.UTF_8).strip();
                if (text.isEmpty() || text.contains("\n")) {
                    problems.add(new Problem(
                            "--oidc-client-secret-file",
                            secretFile.toString(),
                            "the file must hold the secret alone on one line",
                            "Maybe write it with: printf %s SECRET > FILE?"));
                } else {
                    secret = Optional.of(text);
                }
            } catch (IOException e) {
                problems.add(new Problem(
                        "--oidc-client-secret-file",
                        secretFile.toString(),
                        "cannot be read (" + e.getClass().getSimpleName() + ")",
                        "Maybe check the path and that the server's user may read it?"));
            }
        }
        List<String> scopeList = scopes == null || scopes.isEmpty() ? DEFAULT_SCOPES : List.copyOf(scopes);
        if (!scopeList.contains("openid")) {
            problems.add(new Problem(
                    "--oidc-scopes",
                    String.join(",", scopeList),
                    "single sign-on needs the scope 'openid'",
                    "Maybe openid,profile,email?"));
        }
        Optional<URI> redirect = Optional.empty();
        if (redirectUri != null && !redirectUri.isBlank()) {
            redirect = Optional.ofNullable(uri("--oidc-redirect-uri", redirectUri, problems));
        }
        RoleMapping mapping = null;
        try {
            mapping = RoleMapping.parse(roleMap == null ? List.of() : roleMap);
        } catch (AllotException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        String claim = userClaim == null || userClaim.isBlank() ? DEFAULT_USER_CLAIM : userClaim.trim();
        String aud = audience == null || audience.isBlank() ? clientId.trim() : audience.trim();
        return new OidcSettings(issuerUri, clientId.trim(), secret, scopeList, claim, aud, mapping, redirect);
    }

    /** An absolute http(s) URL; plain http only for a provider on this machine (tests, a local proxy). */
    private static URI uri(String option, String text, List<Problem> problems) {
        try {
            URI uri = new URI(text == null ? "" : text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            boolean loopback = Set.of("127.0.0.1", "localhost", "[::1]").contains(String.valueOf(uri.getHost()));
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && loopback)) {
                problems.add(new Problem(
                        option,
                        String.valueOf(text),
                        "not an https URL (plain http only on 127.0.0.1 or localhost)",
                        "Maybe https://idp.example/realms/lab?"));
                return null;
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                problems.add(new Problem(
                        option, text, "must not carry a query or fragment", "Maybe drop what follows '?' or '#'?"));
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(new Problem(option, String.valueOf(text), "not a URL: " + e.getReason(), "Maybe https://..?"));
            return null;
        }
    }

    private static AllotException invalid(List<Problem> problems) {
        String message = problems.stream()
                .map(p -> p.path() + " '" + p.value() + "': " + p.reason() + ". " + p.hint())
                .reduce((a, b) -> a + "; " + b)
                .orElseThrow();
        String code = problems.stream().allMatch(p -> p.path().equals(RoleMapping.FIELD))
                ? ErrorCode.INVALID_ROLE_MAP.code()
                : ErrorCode.OIDC_SETTINGS.code();
        return new AllotException(ErrorCode.of(code).orElseThrow(), message, problems, null);
    }
}
