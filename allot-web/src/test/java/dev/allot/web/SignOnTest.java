package dev.allot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.allot.store.Role;
import dev.allot.store.TestLabs;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single sign-on against a provider made in the test (keys generated on the spot): the authorization-code flow with
 * PKCE lands on the board with the mapped role, and every way of bending it (state, cookie, ID token signature,
 * expiry, nonce, audience, issuer) is refused without a session. The API takes the provider's access tokens.
 */
class SignOnTest {
    @TempDir
    static Path dir;

    private static FakeProvider provider;
    private static UiServer server;

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @BeforeAll
    static void start() throws Exception {
        provider = new FakeProvider();
        server = new UiServer(
                TestLabs.shaped(3, 7).build(), UiServer.signOn(provider.issuer(), FakeProvider.SECRET, dir));
    }

    @AfterAll
    static void stop() {
        server.close();
        provider.close();
    }

    @AfterEach
    void resetProvider() {
        provider.user = "dana";
        provider.groups = List.of("gpu-deciders");
        provider.idToken = UnaryOperator.identity();
        provider.stateBack = UnaryOperator.identity();
        provider.signAsStranger = false;
    }

    @Test
    void aDeciderSignsInThroughTheProviderAndLandsWhereSheWasGoing() throws Exception {
        HttpResponse<String> landing = signOn("/cluster");
        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.body()).contains("url=/cluster").contains("dana").contains("decider");
        HttpResponse<String> cluster = get(server.url("/cluster"));
        assertThat(cluster.statusCode()).isEqualTo(200);
        assertThat(cluster.body()).containsPattern("data-testid=\"who\">dana <small class=\"badge\">decider");
    }

    @Test
    void someoneInNoMappedGroupIsAViewer() throws Exception {
        provider.user = "vic";
        provider.groups = List.of();
        assertThat(signOn("/board").statusCode()).isEqualTo(200);
        assertThat(get(server.url("/board")).body()).contains("vic <small class=\"badge\">viewer");
    }

    @Test
    void aStateThatIsNotThisBrowsersIsRefused() throws Exception {
        provider.stateBack = state -> state + "x";
        assertRefused(signOn("/board"), "state");
    }

    @Test
    void aCallbackWithoutTheSignOnCookieIsRefused() throws Exception {
        HttpResponse<String> toProvider = get(server.url(SignOn.START));
        HttpResponse<String> back = get(location(toProvider));
        cookies.getCookieStore().removeAll();
        assertRefused(get(location(back)), "did not start a sign-in");
    }

    @Test
    void aChangedSignOnCookieIsRefused() throws Exception {
        HttpResponse<String> toProvider = get(server.url(SignOn.START));
        HttpResponse<String> back = get(location(toProvider));
        HttpCookie cookie = cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(SignOn.COOKIE))
                .findFirst()
                .orElseThrow();
        String value = cookie.getValue();
        String payload = new String(Base64.getUrlDecoder().decode(value.substring(0, value.lastIndexOf('~'))));
        String forged = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(payload.replaceFirst("^\\S+", "mine").getBytes())
                + value.substring(value.lastIndexOf('~'));
        cookies.getCookieStore().removeAll();
        HttpResponse<String> callback = http.send(
                HttpRequest.newBuilder(URI.create(location(back)))
                        .header("Cookie", SignOn.COOKIE + "=" + forged)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertRefused(callback, "did not start a sign-in");
    }

    @Test
    void anExpiredIdTokenIsRefused() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        provider.idToken = claims -> claims.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(300)));
        assertRefused(signOn("/board"), "ID token was not accepted");
    }

    @Test
    void anIdTokenSignedByAnotherKeyIsRefused() throws Exception {
        provider.signAsStranger = true;
        assertRefused(signOn("/board"), "ID token was not accepted");
    }

    @Test
    void anIdTokenForAnotherNonceAudienceOrIssuerIsRefused() throws Exception {
        for (UnaryOperator<JWTClaimsSet.Builder> bend : List.<UnaryOperator<JWTClaimsSet.Builder>>of(
                claims -> claims.claim("nonce", "replayed"),
                claims -> claims.audience("another-client"),
                claims -> claims.issuer(provider.issuer() + "/realms/other"))) {
            provider.idToken = bend;
            cookies.getCookieStore().removeAll();
            assertRefused(signOn("/board"), "ID token was not accepted");
        }
    }

    @Test
    void theApiTakesTheProvidersAccessTokensAndRefusesBentOnes() throws Exception {
        String decider = provider.sign(
                provider.accessToken("dana", List.of("gpu-deciders")).build(), false);
        assertThat(api("/api/me", decider).body())
                .contains("\"role\":\"decider\"")
                .contains("\"user\":\"dana\"");
        assertThat(api("/api/audit", decider).statusCode())
                .as("deciders may not read the audit log")
                .isEqualTo(403);
        String viewer = provider.sign(provider.accessToken("vic", List.of()).build(), false);
        assertThat(api("/api/me", viewer).body()).contains("\"role\":\"viewer\"");

        Instant past = Instant.now().minusSeconds(3600);
        String expired = provider.sign(
                provider.accessToken("dana", List.of("gpu-deciders"))
                        .issueTime(Date.from(past))
                        .expirationTime(Date.from(past.plusSeconds(300)))
                        .build(),
                false);
        String stranger = provider.sign(
                provider.accessToken("dana", List.of("gpu-deciders")).build(), true);
        String otherRealm = provider.sign(
                provider.accessToken("dana", List.of("gpu-deciders"))
                        .issuer(provider.issuer() + "/realms/other")
                        .build(),
                false);
        String otherAudience = provider.sign(
                provider.accessToken("dana", List.of("gpu-deciders"))
                        .audience("another-client")
                        .build(),
                false);
        String[] parts = decider.split("\\.");
        String promoted = parts[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]))
                                .replace("gpu-deciders", "gpu-admins")
                                .getBytes())
                + "." + parts[2];
        for (String bent : List.of(expired, stranger, otherRealm, otherAudience, promoted, decider + "x")) {
            HttpResponse<String> response = api("/api/me", bent);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(response.body()).contains("access token was not accepted");
        }
        assertThat(api("/api/me", server.tokens.get(Role.ADMIN)).statusCode())
                .as("local tokens keep working")
                .isEqualTo(200);
    }

    @Test
    void theLoginPageOffersSingleSignOnAndAfterSignOutTheProvidersSignOut() throws Exception {
        assertThat(get(server.url("/login?next=/cluster")).body()).contains("href=\"/login/sso?next=%2Fcluster\"");
        assertThat(get(server.url("/login?signed-out")).body()).contains(provider.issuer() + "/logout?client_id=allot");
    }

    private HttpResponse<String> signOn(String next) throws Exception {
        HttpResponse<String> toProvider = get(server.url(SignOn.START + "?next=" + next));
        assertThat(toProvider.statusCode()).isEqualTo(302);
        assertThat(location(toProvider))
                .startsWith(provider.issuer() + "/authorize?")
                .contains("code_challenge_method=S256")
                .contains("nonce=")
                .contains("state=");
        HttpResponse<String> back = get(location(toProvider));
        return get(location(back));
    }

    private void assertRefused(HttpResponse<String> response, String reason) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains("Single sign-on did not complete").contains(reason);
        assertThat(cookies.getCookieStore().getCookies())
                .noneMatch(c -> c.getName().equals(Sessions.SESSION_COOKIE)
                        && !c.getValue().isEmpty());
        assertThat(get(server.url("/board")).statusCode()).as("not signed in").isEqualTo(302);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> api(String path, String bearer) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url(path)))
                                .header("Authorization", "Bearer " + bearer)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static String location(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Location")
                .orElseThrow(
                        () -> new AssertionError("no Location in " + response.statusCode() + " " + response.body()));
    }
}
