package dev.allot.lab;

import static dev.allot.lab.YamlText.flow;
import static dev.allot.lab.YamlText.scalar;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Writes the {@code evidence:} section so that it reads back to the same series; nothing without evidence. */
final class EvidenceWriter {
    private EvidenceWriter() {}

    static String write(List<LabEvidence> evidence) {
        if (evidence.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("evidence:\n");
        for (LabEvidence series : evidence) {
            out.append("  - project: ").append(scalar(series.project().value())).append('\n');
            out.append("    metric: ").append(scalar(series.metric())).append('\n');
            if (!series.unit().isEmpty()) {
                out.append("    unit: ").append(scalar(series.unit())).append('\n');
            }
            out.append("    direction: ").append(series.direction()).append('\n');
            out.append("    visibility: ").append(series.visibility()).append('\n');
            out.append("    computeUnit: ").append(series.computeUnit()).append('\n');
            if (!series.source().isEmpty()) {
                out.append("    source: ").append(scalar(series.source())).append('\n');
            }
            out.append("    points:\n");
            for (LabEvidence.Point point : series.points()) {
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("compute", number(point.compute()));
                fields.put("value", number(point.value()));
                optional(fields, "stderr", point.standardError());
                optional(fields, "parameters", point.parameters());
                optional(fields, "tokens", point.tokens());
                out.append("      - ").append(flow(fields)).append('\n');
            }
        }
        return out.toString();
    }

    private static void optional(Map<String, String> fields, String key, OptionalDouble value) {
        value.ifPresent(v -> fields.put(key, number(v)));
    }

    /**
     * The shortest text that reads back as the same double, with a signed exponent ({@code 1.44e+21}) that YAML 1.1
     * also reads as a number.
     */
    static String number(double value) {
        String text = Double.toString(value);
        int exponent = text.indexOf('E');
        if (exponent < 0) {
            return text;
        }
        String power = text.substring(exponent + 1);
        return text.substring(0, exponent) + "e" + (power.startsWith("-") ? power : "+" + power);
    }
}
