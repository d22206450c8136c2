package dev.allot.server.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.allot.application.RoleMapping;
import dev.allot.application.RoleMapping.Identity;
import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.store.Actor;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The lab's OpenID Connect provider, through the Nimbus OAuth 2.0 / OIDC SDK: the authorization-code flow with
 * PKCE (S256), state and nonce for the web UI; ID tokens and bearer access tokens checked against the provider's
 * published keys (JWKS, fetched and cached by the library, refetched when a new key id appears), its issuer, this
 * client as audience, expiry and not-before (60 s clock skew). Nothing here parses or verifies a token by hand.
 *
 * <p>The discovery document is read on first use, not at start-up, so the server starts while the provider is
 * briefly away; until it answers, single sign-on fails with {@code oidc-unavailable} (503) and local tokens work.
 */
public final class OidcProvider {
    /** Signature algorithms accepted: public-key ones only, never {@code none} or a shared-secret MAC. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512,
            JWSAlgorithm.EdDSA);

    private static final int TIMEOUT_MILLIS = 5_000;
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    /** What the browser must bring back to finish a sign-in: kept in a signed cookie between the two requests. */
    public record Start(URI authorization, String state, String nonce, String verifier) {}

    private record Resolved(
            OIDCProviderMetadata metadata, IDTokenValidator idTokens, DefaultJWTProcessor<SecurityContext> bearer) {}

    private final OidcSettings settings;
    private final Discovery discovery;
    private volatile Resolved resolved;

    /** Reads the discovery document and keys from the provider when first needed. */
    interface Discovery {
        OIDCProviderMetadata metadata() throws IOException, GeneralException;

        JWKSource<SecurityContext> keys(OIDCProviderMetadata metadata) throws IOException;
    }

    private OidcProvider(OidcSettings settings, Discovery discovery) {
        this.settings = settings;
        this.discovery = discovery;
    }

    /** A provider found through {@code settings.issuer()}'s {@code /.well-known/openid-configuration}. */
    public static OidcProvider discover(OidcSettings settings) {
        return new OidcProvider(settings, new Discovery() {
            @Override
            public OIDCProviderMetadata metadata() throws IOException, GeneralException {
                return OIDCProviderMetadata.resolve(
                        new Issuer(settings.issuer().toString()), TIMEOUT_MILLIS, TIMEOUT_MILLIS);
            }

            @Override
            public JWKSource<SecurityContext> keys(OIDCProviderMetadata metadata) throws IOException {
                URL url = metadata.getJWKSetURI().toURL();
                return JWKSourceBuilder.create(
                                url, new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, 512_000))
                        .build();
            }
        });
    }

    /** A provider whose metadata and keys are given (tests, or a provider without discovery). */
    public static OidcProvider of(
            OidcSettings settings, OIDCProviderMetadata metadata, JWKSource<SecurityContext> keys) {
        return new OidcProvider(settings, new Discovery() {
            @Override
            public OIDCProviderMetadata metadata() {
                return metadata;
            }

            @Override
            public JWKSource<SecurityContext> keys(OIDCProviderMetadata ignored) {
                return keys;
            }
        });
    }

    public OidcSettings settings() {
        return settings;
    }

    /** Reads the discovery document now; empty when it answered, else why not (for a start-up warning). */
    public Optional<String> check() {
        try {
            resolved();
            return Optional.empty();
        } catch (AllotException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Where to send the browser to sign in, with fresh state, nonce and PKCE verifier. */
    public Start start(URI redirectUri) {
        OIDCProviderMetadata metadata = resolved().metadata();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest request = new AuthenticationRequest.Builder(
                        ResponseType.CODE,
                        new Scope(settings.scopes().toArray(String[]::new)),
                        new ClientID(settings.clientId()),
                        redirectUri)
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build();
        return new Start(request.toURI(), state.getValue(), nonce.getValue(), verifier.getValue());
    }

    /**
     * Exchanges the authorization code (with the PKCE verifier) for tokens at the provider and checks the ID token:
     * signature against the provider's keys, issuer, this client as audience, expiry, and the nonce of this sign-in.
     */
    public Identity finish(String code, URI redirectUri, String verifier, String nonce) {
        Resolved provider = resolved();
        AuthorizationCodeGrant grant =
                new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, new CodeVerifier(verifier));
        ClientID client = new ClientID(settings.clientId());
        URI endpoint = provider.metadata().getTokenEndpointURI();
        TokenRequest request = settings.clientSecret()
                .map(secret -> new TokenRequest(endpoint, new ClientSecretBasic(client, new Secret(secret)), grant))
                .orElseGet(() -> new TokenRequest(endpoint, client, grant));
        TokenResponse response;
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(TIMEOUT_MILLIS);
            http.setReadTimeout(TIMEOUT_MILLIS);
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException | com.nimbusds.oauth2.sdk.ParseException e) {
            throw unavailable("the token endpoint " + endpoint + " failed (" + e.getMessage() + ")");
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            throw refused("the provider refused the code ("
                    + (error == null ? "no reason given" : error.getCode() + ": " + error.getDescription()) + ")");
        }
        JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse())
                .getOIDCTokens()
                .getIDToken();
        try {
            JWTClaimsSet claims =
                    provider.idTokens().validate(idToken, new Nonce(nonce)).toJWTClaimsSet();
            return identity(claims);
        } catch (BadJOSEException | JOSEException | com.nimbusds.oauth2.sdk.ParseException e) {
            throw refused("the ID token was not accepted (" + e.getMessage() + ")");
        }
    }

    /**
     * Who a bearer access token from the provider speaks for: a signed JWT from this issuer, for this audience,
     * not expired. Empty when it is not accepted, with the reason in {@code why}.
     */
    public Optional<Identity> verifyBearer(String token, List<String> why) {
        DefaultJWTProcessor<SecurityContext> processor = resolved().bearer();
        try {
            JWTClaimsSet claims = processor.process(token, null);
            if ("ID".equals(claims.getClaim("typ"))) {
                why.add("an ID token is not an access token");
                return Optional.empty();
            }
            return Optional.of(identity(claims));
        } catch (ParseException | BadJOSEException | JOSEException e) {
            why.add(e.getMessage());
            return Optional.empty();
        } catch (AllotException e) {
            why.add(e.getMessage());
            return Optional.empty();
        }
    }

    /** The Allot user and role of a verified identity; refused when the mapping gives no role. */
    public Actor actorOf(Identity identity) {
        return settings.roles()
                .roleOf(identity)
                .map(role -> new Actor(identity.user(), role))
                .orElseThrow(() -> new AllotException(
                        ErrorCode.NO_ROLE,
                        "The identity provider signed " + identity.user() + " in, but no " + RoleMapping.FIELD
                                + " rule gives them a role (groups " + identity.groups()
                                + "). Maybe ask an administrator to add a rule for one of their groups?"));
    }

    /** The provider's sign-out page, if it publishes one. */
    public Optional<URI> endSession() {
        try {
            return Optional.ofNullable(resolved().metadata().getEndSessionEndpointURI());
        } catch (AllotException e) {
            return Optional.empty();
        }
    }

    Identity identity(JWTClaimsSet claims) {
        Object user = claims.getClaim(settings.userClaim());
        if (!(user instanceof String name) || !USER.matcher(name).matches()) {
            throw refused("the token's '" + settings.userClaim() + "' claim (" + user
                    + ") is not an Allot user name (letters, digits, . _ @ -, at most 64)");
        }
        Object email = claims.getClaim("email");
        return new Identity(
                name, email instanceof String text ? text : "", strings(claims.getClaim("groups")), roles(claims));
    }

    /** Realm roles, this client's roles (Keycloak's layout) and a plain {@code roles} claim (others'). */
    private Set<String> roles(JWTClaimsSet claims) {
        Set<String> roles = new LinkedHashSet<>(strings(claims.getClaim("roles")));
        if (claims.getClaim("realm_access") instanceof Map<?, ?> realm) {
            roles.addAll(strings(realm.get("roles")));
        }
        if (claims.getClaim("resource_access") instanceof Map<?, ?> resources
                && resources.get(settings.clientId()) instanceof Map<?, ?> client) {
            roles.addAll(strings(client.get("roles")));
        }
        return roles;
    }

    private static Set<String> strings(Object claim) {
        Set<String> values = new LinkedHashSet<>();
        if (claim instanceof Collection<?> list) {
            list.stream()
                    .filter(String.class::isInstance)
                    .map(String.class::cast)
                    .forEach(values::add);
        } else if (claim instanceof String text) {
            values.add(text);
        }
        return values;
    }

    private Resolved resolved() {
        Resolved current = resolved;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (resolved == null) {
                resolved = resolve();
            }
            return resolved;
        }
    }

    private Resolved resolve() {
        OIDCProviderMetadata metadata;
        JWKSource<SecurityContext> keys;
        try {
            metadata = discovery.metadata();
            keys = discovery.keys(metadata);
        } catch (IOException | GeneralException | RuntimeException e) {
            throw unavailable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        Set<JWSAlgorithm> algorithms = new java.util.HashSet<>(ALGORITHMS);
        if (metadata.getIDTokenJWSAlgs() != null) {
            algorithms.retainAll(metadata.getIDTokenJWSAlgs());
        }
        if (algorithms.isEmpty()) {
            algorithms.add(JWSAlgorithm.RS256);
        }
        var selector = new JWSVerificationKeySelector<>(Set.copyOf(algorithms), keys);
        Issuer issuer = metadata.getIssuer();
        IDTokenValidator idTokens = new IDTokenValidator(issuer, new ClientID(settings.clientId()), selector, null);
        DefaultJWTProcessor<SecurityContext> bearer = new DefaultJWTProcessor<>();
        bearer.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        bearer.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.copyOf(ALGORITHMS), keys));
        bearer.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                Set.of(settings.audience()),
                new JWTClaimsSet.Builder().issuer(issuer.getValue()).build(),
                Set.of("sub", "exp", "iat"),
                Set.of()));
        return new Resolved(metadata, idTokens, bearer);
    }

    private AllotException unavailable(String reason) {
        return new AllotException(
                ErrorCode.OIDC_UNAVAILABLE,
                "The identity provider at " + settings.issuer() + " did not answer: " + reason
                        + ". Maybe check that its discovery document is reachable from the server?",
                List.of(),
                null);
    }

    /** The answer to a sign-in that cannot complete, naming why. */
    public static AllotException refused(String reason) {
        return new AllotException(
                ErrorCode.SIGN_IN_REFUSED,
                "Single sign-on did not complete: " + reason + ". Maybe start again from the sign-in page?",
                List.of(),
                null);
    }
}
