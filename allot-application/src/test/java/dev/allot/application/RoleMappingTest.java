package dev.allot.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.application.RoleMapping.Identity;
import dev.allot.core.AllotException;
import dev.allot.store.Role;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleMappingTest {
    private static final RoleMapping LAB = RoleMapping.parse(List.of(
            "group:gpu-deciders=decider",
            "group:gpu-reviewers=reviewer",
            "role:allot-admin=admin",
            "email:Lee@Lab.example=lead",
            "user:vic=viewer"));

    private static Identity person(String user, String email, Set<String> groups, Set<String> roles) {
        return new Identity(user, email, groups, roles);
    }

    @Test
    void theFirstMatchingRuleDecidesAndEveryoneElseIsAViewer() {
        assertThat(LAB.roleOf(person("dana", "", Set.of("gpu-deciders", "gpu-reviewers"), Set.of())))
                .contains(Role.DECIDER);
        assertThat(LAB.roleOf(person("rui", "", Set.of("/gpu-reviewers"), Set.of())))
                .as("a group given as a full path")
                .contains(Role.REVIEWER);
        assertThat(LAB.roleOf(person("ops", "", Set.of(), Set.of("allot-admin"))))
                .contains(Role.ADMIN);
        assertThat(LAB.roleOf(person("lee", "lee@lab.example", Set.of(), Set.of())))
                .as("e-mail compared without case")
                .contains(Role.LEAD);
        assertThat(LAB.roleOf(person("sam", "sam@lab.example", Set.of("students"), Set.of())))
                .contains(Role.VIEWER);
    }

    @Test
    void defaultNoneRefusesPeopleNoRuleNames() {
        RoleMapping strict = RoleMapping.parse(List.of("group:gpu-deciders=decider", "default=none"));
        assertThat(strict.roleOf(person("sam", "", Set.of("students"), Set.of())))
                .isEmpty();
        assertThat(strict.fallback()).isEqualTo(Optional.empty());
        assertThat(RoleMapping.parse(List.of("default=reviewer")).roleOf(person("x", "", Set.of(), Set.of())))
                .contains(Role.REVIEWER);
    }

    @Test
    void everyBadRuleIsReportedAtOnce() {
        assertThatThrownBy(() -> RoleMapping.parse(List.of(
                        "group:gpu-deciders=decder",
                        "team:x=viewer",
                        "gpu-deciders",
                        "default=viewer",
                        "default=none")))
                .isInstanceOfSatisfying(AllotException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid-role-map");
                    assertThat(e.problems()).hasSize(4);
                    assertThat(e.getMessage())
                            .contains("unknown role 'decder'")
                            .contains("'team:x'")
                            .contains("no '=ROLE'")
                            .contains("a second default rule");
                });
    }
}
