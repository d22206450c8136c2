package dev.allot.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A small OpenID Connect provider for fast tests, with RSA keys made on the spot: discovery, JWKS, an authorization
 * endpoint that signs the configured person in at once, and a token endpoint that checks the client secret and the
 * PKCE verifier before it answers with an ID token. Tests bend the ID token ({@link #idToken}) or the state sent
 * back ({@link #stateBack}) to see that Allot refuses what it must.
 */
final class FakeProvider implements AutoCloseable {
    static final String CLIENT = "allot";
    static final String SECRET = "fake-secret";

    final RSAKey key;
    /** Another provider's key: tokens it signs must be refused. */
    final RSAKey strangerKey;

    private final Javalin app;
    private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();

    /** Who signs in next: preferred_username, email and groups. */
    volatile String user = "dana";

    volatile List<String> groups = List.of("gpu-deciders");
    /** Rewrites the claims of the next ID token (after the provider filled them in). */
    volatile UnaryOperator<JWTClaimsSet.Builder> idToken = UnaryOperator.identity();
    /** Rewrites the state sent back to Allot. */
    volatile UnaryOperator<String> stateBack = UnaryOperator.identity();
    /** Signs the ID token with the stranger's key instead. */
    volatile boolean signAsStranger;

    FakeProvider() {
        try {
            key = new RSAKeyGenerator(2048).keyID("fake-1").generate();
            strangerKey = new RSAKeyGenerator(2048).keyID("fake-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/.well-known/openid-configuration", this::discovery);
            config.routes.get(
                    "/jwks",
                    ctx -> ctx.contentType("application/json").result(new JWKSet(key.toPublicJWK()).toString()));
            config.routes.get("/authorize", this::authorize);
            config.routes.post("/token", this::token);
            config.routes.get("/logout", ctx -> ctx.result("signed out"));
        });
        app.start("127.0.0.1", 0);
    }

    String issuer() {
        return "http://127.0.0.1:" + app.port();
    }

    /** A signed JWT from this provider (or, with {@code stranger}, from another) with {@code claims}. */
    String sign(JWTClaimsSet claims, boolean stranger) {
        try {
            RSAKey signing = stranger ? strangerKey : key;
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(signing.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(signing));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An access token as the provider would issue it, for the API, with {@code groups}. */
    JWTClaimsSet.Builder accessToken(String user, List<String> groups) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(UUID.randomUUID().toString())
                .audience(List.of(CLIENT, "account"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("preferred_username", user)
                .claim("email", user + "@lab.example")
                .claim("groups", groups);
    }

    private void discovery(Context ctx) {
        String base = issuer();
        ctx.json(Map.of(
                "issuer",
                base,
                "authorization_endpoint",
                base + "/authorize",
                "token_endpoint",
                base + "/token",
                "jwks_uri",
                base + "/jwks",
                "end_session_endpoint",
                base + "/logout",
                "response_types_supported",
                List.of("code"),
                "subject_types_supported",
                List.of("public"),
                "id_token_signing_alg_values_supported",
                List.of("RS256"),
                "code_challenge_methods_supported",
                List.of("S256")));
    }

    private void authorize(Context ctx) {
        String code = UUID.randomUUID().toString();
        codes.put(
                code,
                Map.of(
                        "nonce", ctx.queryParam("nonce"),
                        "challenge", ctx.queryParam("code_challenge"),
                        "method", ctx.queryParam("code_challenge_method"),
                        "redirect", ctx.queryParam("redirect_uri"),
                        "client", ctx.queryParam("client_id")));
        ctx.redirect(ctx.queryParam("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(stateBack.apply(ctx.queryParam("state")), StandardCharsets.UTF_8) + "&iss="
                + URLEncoder.encode(issuer(), StandardCharsets.UTF_8));
    }

    private void token(Context ctx) {
        String expected =
                "Basic " + Base64.getEncoder().encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        Map<String, String> grant = codes.remove(String.valueOf(ctx.formParam("code")));
        String verifier = ctx.formParam("code_verifier");
        if (!expected.equals(ctx.header("Authorization"))) {
            error(ctx, 401, "invalid_client");
            return;
        }
        if (grant == null
                || verifier == null
                || !"S256".equals(grant.get("method"))
                || !CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier))
                        .getValue()
                        .equals(grant.get("challenge"))
                || !grant.get("redirect").equals(ctx.formParam("redirect_uri"))) {
            error(ctx, 400, "invalid_grant");
            return;
        }
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(UUID.randomUUID().toString())
                .audience(CLIENT)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", grant.get("nonce"))
                .claim("preferred_username", user)
                .claim("email", user + "@lab.example")
                .claim("groups", groups);
        String signedIdToken = sign(idToken.apply(claims).build(), signAsStranger);
        ctx.json(Map.of(
                "access_token",
                sign(accessToken(user, groups).build(), false),
                "token_type",
                "Bearer",
                "expires_in",
                300,
                "id_token",
                signedIdToken));
    }

    private static void error(Context ctx, int status, String error) {
        ctx.status(status).json(Map.of("error", error, "error_description", "the fake provider refused it"));
    }

    @Override
    public void close() {
        app.stop();
    }
}
