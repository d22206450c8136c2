package dev.allot.kueue;

import dev.allot.core.AllotException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns Allot ids into Kubernetes names and checks them, so that two projects never share a queue and every name is
 * one the API server accepts. One instance per compilation: it remembers which id took which name.
 */
final class Names {
    private static final Pattern SUBDOMAIN =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern LABEL_VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");

    private static final Pattern NOT_DNS = Pattern.compile("[^a-z0-9.-]");
    private static final Pattern EDGES = Pattern.compile("^[-.]+|[-.]+$");

    private final Map<String, String> takenBy = new HashMap<>();

    /** Lower case; every character outside {@code [a-z0-9.-]} becomes {@code -}; no leading or trailing dash. */
    static String dns(String id) {
        String lower = NOT_DNS.matcher(id.toLowerCase(Locale.ROOT)).replaceAll("-");
        return EDGES.matcher(lower).replaceAll("");
    }

    static String fill(String pattern, String placeholder, String id) {
        return pattern.replace(placeholder, dns(id));
    }

    /** A cluster-wide object name (DNS subdomain, at most 253 characters), unique per kind. */
    String subdomain(String kind, String name, String source) {
        check(
                SUBDOMAIN.matcher(name).matches() && name.length() <= 253,
                kind,
                name,
                source,
                "a DNS subdomain of at most 253 lower-case letters, digits, '-' and '.'");
        return unique(kind, name, source);
    }

    /** A namespace name (DNS label, at most 63 characters), unique. */
    String label(String kind, String name, String source) {
        check(
                LABEL.matcher(name).matches() && name.length() <= 63,
                kind,
                name,
                source,
                "a DNS label of at most 63 lower-case letters, digits and '-'");
        return unique(kind, name, source);
    }

    /** A label value (at most 63 characters of letters, digits, '-', '_' and '.'). */
    static String labelValue(String value, String source) {
        if (!LABEL_VALUE.matcher(value).matches() || value.length() > 63) {
            throw AllotException.invalid(
                    "kueue.name",
                    "Label value '" + value + "' for " + source
                            + " is not a Kubernetes label value (at most 63 letters, digits, '-', '_' or '.', starting and"
                            + " ending alphanumeric). Maybe configure a shorter value?");
        }
        return value;
    }

    private static void check(boolean valid, String kind, String name, String source, String rule) {
        if (!valid) {
            throw AllotException.invalid(
                    "kueue.name",
                    kind + " name '" + name + "' for " + source + " is not " + rule
                            + ". Maybe shorten the id or change the name pattern in the Kueue settings?");
        }
    }

    private String unique(String kind, String name, String source) {
        String previous = takenBy.putIfAbsent(kind + "/" + name, source);
        if (previous != null && !previous.equals(source)) {
            throw AllotException.invalid(
                    "kueue.name-clash",
                    kind + " name '" + name + "' would be used by both " + previous + " and " + source
                            + ". Maybe rename one of them?");
        }
        return name;
    }
}
