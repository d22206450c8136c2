package dev.allot.web;

import dev.allot.core.model.Policy;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a cycle's policy changes against another (the last published cycle's): one line per field that differs,
 * "reserve fraction: 5 % → 8 %", nested terms by their dotted name. Every field of {@link Policy} is compared, also
 * one added later.
 */
final class PolicyDiff {
    private PolicyDiff() {}

    static List<String> lines(Policy before, Policy after) {
        List<String> lines = new ArrayList<>();
        compare("", before, after, lines);
        return lines;
    }

    private static void compare(String prefix, Record before, Record after, List<String> lines) {
        for (RecordComponent field : before.getClass().getRecordComponents()) {
            Object was = read(field, before);
            Object now = read(field, after);
            if (Objects.equals(was, now)) {
                continue;
            }
            String name = prefix + field.getName();
            if (was instanceof Record wasRecord && now instanceof Record nowRecord) {
                compare(name + ".", wasRecord, nowRecord, lines);
            } else {
                lines.add(name + ": " + text(field.getName(), was) + " → " + text(field.getName(), now));
            }
        }
    }

    /** Fractions as percentages, enums in lower case, everything else as written. */
    private static String text(String field, Object value) {
        if (value instanceof Double fraction && field.matches(".*(Fraction|Share|Swing|Loss|idleBelow|headroom).*")) {
            return Format.percent(fraction);
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(java.util.Locale.ROOT);
        }
        return String.valueOf(value);
    }

    private static Object read(RecordComponent field, Record record) {
        try {
            return field.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read policy field " + field.getName(), e);
        }
    }
}
