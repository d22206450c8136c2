package dev.allot.server;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.store.Role;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every route x every role x own/other project: allowed calls pass authorization (whatever they then answer),
 * forbidden ones get 403, and without a token every API route gets 401. The table below is written independently
 * of the server's route table, and must name every route the server registers.
 */
class RoleMatrixIT {
    private static final Set<Role> ALL = EnumSet.allOf(Role.class);
    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);
    private static final Set<Role> DECIDER = EnumSet.of(Role.DECIDER);
    private static final Set<Role> STEER = EnumSet.of(Role.ADMIN, Role.DECIDER);
    private static final Set<Role> REVIEW = EnumSet.of(Role.ADMIN, Role.DECIDER, Role.REVIEWER);

    static final Map<String, Set<Role>> ALLOWED = Map.ofEntries(
            entry("GET /api/me", ALL),
            entry("GET /api/gpu-types", ALL),
            entry("GET /api/pools", ALL),
            entry("GET /api/categories", ALL),
            entry("GET /api/projects", ALL),
            entry("POST /api/projects", ADMIN),
            entry("GET /api/projects/{project}", ALL),
            entry("PUT /api/projects/{project}", ADMIN),
            entry("GET /api/projects/{project}/history", ALL),
            entry("GET /api/projects/{project}/usage", ALL),
            entry("GET /api/projects/{project}/evidence", ALL),
            entry("POST /api/projects/{project}/evidence", EnumSet.of(Role.ADMIN, Role.DECIDER, Role.LEAD)),
            entry("POST /api/usage", ADMIN),
            entry("GET /api/audit", ADMIN),
            entry("POST /api/tokens", ADMIN),
            entry("GET /api/tokens", ADMIN),
            entry("DELETE /api/tokens/{id}", ADMIN),
            entry("POST /api/sessions", ALL),
            entry("GET /api/cycles", ALL),
            entry("POST /api/cycles", ADMIN),
            entry("GET /api/cycles/{cycle}", ALL),
            entry("POST /api/cycles/{cycle}/transitions", STEER),
            entry("PUT /api/cycles/{cycle}/policy", STEER),
            entry("GET /api/cycles/{cycle}/asks", ALL),
            entry("GET /api/cycles/{cycle}/asks/{project}", ALL),
            entry("PUT /api/cycles/{cycle}/asks/{project}", EnumSet.of(Role.ADMIN, Role.LEAD)),
            entry("POST /api/cycles/{cycle}/asks/{project}/confirm", EnumSet.of(Role.ADMIN, Role.LEAD)),
            entry("PUT /api/cycles/{cycle}/ask-deadline", STEER),
            entry("GET /api/cycles/{cycle}/scores", REVIEW),
            entry("PUT /api/cycles/{cycle}/scores/{project}", EnumSet.of(Role.REVIEWER)),
            entry("GET /api/cycles/{cycle}/pins", REVIEW),
            entry("PUT /api/cycles/{cycle}/pins/{project}", DECIDER),
            entry("DELETE /api/cycles/{cycle}/pins/{project}", DECIDER),
            entry("GET /api/cycles/{cycle}/overrides", REVIEW),
            entry("PUT /api/cycles/{cycle}/overrides/{project}", DECIDER),
            entry("DELETE /api/cycles/{cycle}/overrides/{project}", DECIDER),
            entry("POST /api/cycles/{cycle}/draft", DECIDER),
            entry("GET /api/cycles/{cycle}/draft", STEER),
            entry("GET /api/cycles/{cycle}/diff", STEER),
            entry("POST /api/cycles/{cycle}/approvals", DECIDER),
            entry("DELETE /api/cycles/{cycle}/approvals", DECIDER),
            entry("GET /api/cycles/{cycle}/publish-check", STEER),
            entry("POST /api/cycles/{cycle}/publish", DECIDER),
            entry("GET /api/cycles/{cycle}/plan", ALL),
            entry("GET /api/cycles/{cycle}/plans", ALL),
            entry("GET /api/cycles/{cycle}/plans/{version}", ALL),
            entry("GET /api/cycles/{cycle}/portfolio", ALL),
            entry("GET /api/cycles/{cycle}/enforcement", ALL),
            entry("POST /api/cycles/{cycle}/enforcement", STEER),
            entry("GET /api/cycles/{cycle}/enforcement/plan", ALL),
            entry("GET /api/cycles/{cycle}/lab", STEER),
            entry("GET /api/pools/{pool}/events", ALL),
            entry("POST /api/pools/{pool}/events", ADMIN),
            entry("DELETE /api/pools/{pool}/events/{index}", ADMIN),
            entry("GET /api/cycles/{cycle}/assignments", REVIEW),
            entry("PUT /api/cycles/{cycle}/assignments", STEER),
            entry("POST /api/cycles/{cycle}/assignments/round-robin", STEER),
            entry("GET /api/cycles/{cycle}/scores/{project}", EnumSet.of(Role.REVIEWER)),
            entry("GET /api/cycles/{cycle}/pins/{project}", REVIEW),
            entry("GET /api/cycles/{cycle}/overrides/{project}", REVIEW),
            entry("POST /api/lab", ADMIN),
            entry("GET /api/cycles/{cycle}/budgets", ALL),
            entry("PUT /api/cycles/{cycle}/budgets", STEER),
            entry("GET /api/cycles/{cycle}/blocks", ALL),
            entry("GET /api/cycles/{cycle}/asks/{project}/blocks", ALL),
            entry("PUT /api/cycles/{cycle}/asks/{project}/blocks", EnumSet.of(Role.ADMIN, Role.LEAD)),
            entry("POST /api/cycles/{cycle}/solves", DECIDER),
            entry("GET /api/cycles/{cycle}/solves/{job}", STEER),
            entry("POST /api/cycles/{cycle}/solves/{job}/cancel", DECIDER));

    /** Routes where a project lead may act only on the projects they lead. */
    private static final Set<String> OWN_PROJECT_ONLY = Set.of(
            "PUT /api/cycles/{cycle}/asks/{project}",
            "POST /api/cycles/{cycle}/asks/{project}/confirm",
            "PUT /api/cycles/{cycle}/asks/{project}/blocks",
            "POST /api/projects/{project}/evidence");

    @Test
    void everyRouteEveryRoleOwnAndOtherProject() {
        try (TestServer server = new TestServer(2)) {
            List<String> apiRoutes = server.server.registeredRoutes().stream()
                    .filter(r -> r.contains(" /api/"))
                    .toList();
            assertThat(ALLOWED.keySet()).containsExactlyInAnyOrderElementsOf(apiRoutes);
            List<String> failures = new ArrayList<>();
            int checked = 0;
            for (String route : apiRoutes) {
                String method = route.substring(0, route.indexOf(' '));
                String template = route.substring(route.indexOf(' ') + 1);
                String body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
                for (String project :
                        template.contains("{project}") ? List.of("project-0", "project-1") : List.of("project-0")) {
                    String path = template.replace("{cycle}", "2026-12")
                            .replace("{project}", project)
                            .replace("{version}", "1")
                            .replace("{id}", "0123456789ab")
                            .replace("{pool}", "east-h100")
                            .replace("{index}", "0")
                            .replace("{job}", "0123456789abcdef");
                    int anonymous = server.client
                            .send(method, path, null, body, Map.of())
                            .status();
                    if (anonymous != 401) {
                        failures.add(route + " without a token: " + anonymous);
                    }
                    for (Role role : Role.values()) {
                        boolean own = project.equals("project-0");
                        boolean allowed = ALLOWED.get(route).contains(role)
                                && !(role == Role.LEAD && OWN_PROJECT_ONLY.contains(route) && !own);
                        ApiClient.Reply reply = server.client.send(method, path, server.token(role), body, Map.of());
                        checked++;
                        boolean passed = allowed
                                ? reply.status() != 401 && reply.status() != 403
                                : reply.status() == 403
                                        && reply.header("Content-Type").startsWith("application/problem+json");
                        if (!passed) {
                            failures.add(route + " as " + role.label() + (own ? " (own)" : " (other)") + ": "
                                    + reply.status() + " " + reply.body());
                        }
                    }
                }
            }
            assertThat(failures).isEmpty();
            assertThat(checked).isGreaterThan(200);
        }
    }
}
