package dev.allot.lab;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/** Scalars and small flow collections written so that YAML reads them back as the same text or number. */
final class YamlText {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9 _./()+-]*[A-Za-z0-9_.)+-]|[A-Za-z]");
    private static final Pattern DATE_LIKE = Pattern.compile("[0-9]{4}-[0-9]{2}(-[0-9]{2})?");
    private static final Set<String> RESERVED = Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null");

    private YamlText() {}

    /** Plain when unambiguous, otherwise double-quoted with escapes. */
    static String scalar(String text) {
        boolean plain = (PLAIN.matcher(text).matches() && !RESERVED.contains(text.toLowerCase(Locale.ROOT)))
                || DATE_LIKE.matcher(text).matches();
        return plain ? text : quoted(text);
    }

    static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A number without exponent, so YAML 1.1 resolvers read it as a float: {@code 1.0}, {@code 0.00001}. */
    static String number(double value) {
        String text = BigDecimal.valueOf(value).toPlainString();
        return text.contains(".") ? text : text + ".0";
    }

    /** {@code {key: value, ...}} with keys and values already formatted as YAML. */
    static String flow(Map<String, String> entries) {
        StringJoiner joiner = new StringJoiner(", ", "{", "}");
        entries.forEach((key, value) -> joiner.add(scalar(key) + ": " + value));
        return joiner.toString();
    }

    /** {@code [a, b]} of plain or quoted scalars. */
    static String list(Iterable<String> items) {
        StringJoiner joiner = new StringJoiner(", ", "[", "]");
        items.forEach(item -> joiner.add(scalar(item)));
        return joiner.toString();
    }
}
