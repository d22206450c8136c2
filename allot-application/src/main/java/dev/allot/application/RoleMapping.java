package dev.allot.application;

import dev.allot.core.AllotException;
import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import dev.allot.store.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which Allot role a person signed in by the lab's identity provider gets. Rules are read in the order given and
 * the first that matches decides; {@code default=ROLE} (or {@code default=none}, which refuses the sign-in) decides
 * for everyone no rule matched. Without a default rule everyone else is a viewer.
 *
 * <p>Rule kinds: {@code group:NAME} (an entry of the {@code groups} claim), {@code role:NAME} (a realm or client
 * role the provider lists), {@code email:ADDRESS} and {@code user:NAME} (the Allot user name). Example: {@code
 * group:gpu-deciders=decider}, {@code group:gpu-reviewers=reviewer}, {@code email:lee@lab.example=lead}, {@code
 * default=viewer}.
 */
public record RoleMapping(List<Rule> rules, Optional<Role> fallback) {
    /** What the provider said about a person, after its token was verified. */
    public record Identity(String user, String email, Set<String> groups, Set<String> roles) {
        public Identity {
            email = email == null ? "" : email;
            groups = Set.copyOf(groups);
            roles = Set.copyOf(roles);
        }
    }

    /** One {@code KIND:VALUE=ROLE} rule. */
    public record Rule(Kind kind, String value, Role role) {
        boolean matches(Identity identity) {
            return switch (kind) {
                case GROUP ->
                    identity.groups().contains(value) || identity.groups().contains("/" + value);
                case ROLE -> identity.roles().contains(value);
                case EMAIL -> identity.email().equalsIgnoreCase(value);
                case USER -> identity.user().equals(value);
            };
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(Locale.ROOT) + ":" + value + "=" + role.label();
        }
    }

    public enum Kind {
        GROUP,
        ROLE,
        EMAIL,
        USER
    }

    public static final String FIELD = "--oidc-role-map";

    public RoleMapping {
        rules = List.copyOf(rules);
    }

    /** Everyone a viewer, until rules say otherwise. */
    public static RoleMapping viewersOnly() {
        return new RoleMapping(List.of(), Optional.of(Role.VIEWER));
    }

    /**
     * Reads rules such as {@code group:gpu-deciders=decider} and {@code default=viewer}; every bad rule is reported
     * at once.
     */
    public static RoleMapping parse(Collection<String> texts) {
        List<Rule> rules = new ArrayList<>();
        Optional<Role> fallback = Optional.of(Role.VIEWER);
        List<Problem> problems = new ArrayList<>();
        boolean defaultSeen = false;
        for (String text : texts) {
            String rule = text == null ? "" : text.trim();
            int equals = rule.lastIndexOf('=');
            String left = equals < 0 ? rule : rule.substring(0, equals).trim();
            String right = equals < 0 ? "" : rule.substring(equals + 1).trim();
            Optional<Role> role = parseRole(right);
            if (equals < 0 || right.isEmpty()) {
                problems.add(problem(rule, "no '=ROLE' after the condition", "Maybe " + rule + "=viewer?"));
                continue;
            }
            if (left.equalsIgnoreCase("default")) {
                if (defaultSeen) {
                    problems.add(problem(rule, "a second default rule", "Maybe keep one default=ROLE?"));
                } else if (right.equalsIgnoreCase("none")) {
                    fallback = Optional.empty();
                } else if (role.isEmpty()) {
                    problems.add(problem(rule, "unknown role '" + right + "'", "Maybe one of " + roleNames() + "?"));
                } else {
                    fallback = role;
                }
                defaultSeen = true;
                continue;
            }
            int colon = left.indexOf(':');
            Optional<Kind> kind = colon < 0 ? Optional.empty() : parseKind(left.substring(0, colon));
            String value = colon < 0 ? "" : left.substring(colon + 1).trim();
            if (kind.isEmpty()) {
                problems.add(problem(
                        rule,
                        "the condition '" + left + "' is not group:, role:, email: or user:",
                        "Maybe group:" + (colon < 0 ? left : value) + "=" + right + "?"));
            } else if (value.isEmpty()) {
                problems.add(problem(rule, "nothing after '" + left + "'", "Maybe " + left + "NAME=" + right + "?"));
            } else if (role.isEmpty()) {
                problems.add(problem(rule, "unknown role '" + right + "'", "Maybe one of " + roleNames() + "?"));
            } else {
                rules.add(new Rule(kind.get(), value, role.get()));
            }
        }
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            throw new AllotException(
                    ErrorCode.INVALID_ROLE_MAP,
                    problems.stream()
                            .map(p -> FIELD + " '" + p.value() + "': " + p.reason() + ". " + p.hint())
                            .reduce((a, b) -> a + "; " + b)
                            .orElse(first.reason()),
                    problems,
                    null);
        }
        return new RoleMapping(rules, fallback);
    }

    /** The role of the first rule that matches, else the default; empty when the default is {@code none}. */
    public Optional<Role> roleOf(Identity identity) {
        return rules.stream()
                .filter(rule -> rule.matches(identity))
                .map(Rule::role)
                .findFirst()
                .or(() -> fallback);
    }

    private static Optional<Role> parseRole(String text) {
        for (Role role : Role.values()) {
            if (role.label().equalsIgnoreCase(text) || (role == Role.LEAD && text.equalsIgnoreCase("project-lead"))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    private static Optional<Kind> parseKind(String text) {
        for (Kind kind : Kind.values()) {
            if (kind.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private static List<String> roleNames() {
        return java.util.Arrays.stream(Role.values()).map(Role::label).toList();
    }

    private static Problem problem(String rule, String reason, String hint) {
        return new Problem(FIELD, rule, reason, hint);
    }
}
