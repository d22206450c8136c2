package dev.allot.app.kueue;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.allot.core.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * GPU counts in a plan file that are not whole numbers. The plan reader keeps whole GPUs only (7.5 would become 7), so
 * the enforcer looks at the file as written and refuses such a count instead of enforcing a different grant.
 */
final class PlanFileCounts {
    private static final YAMLMapper YAML = new YAMLMapper();

    private PlanFileCounts() {}

    /** Problems for every {@code previous} or {@code grant} count that is not a whole number (JSON or YAML text). */
    static List<Problem> fractional(String text) {
        List<Problem> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            return problems; // the plan reader reports unreadable files with their position
        }
        JsonNode projects = root == null ? null : root.path("projects");
        if (projects == null || !projects.isArray()) {
            return problems;
        }
        for (int i = 0; i < projects.size(); i++) {
            for (String field : List.of("previous", "grant")) {
                String path = "projects[" + i + "]." + field;
                projects.get(i).path(field).properties().forEach(entry -> {
                    JsonNode count = entry.getValue();
                    boolean whole = count.isIntegralNumber()
                            || count.isNumber() && count.asDouble() == Math.rint(count.asDouble());
                    if (!whole) {
                        problems.add(new Problem(
                                path + "." + entry.getKey(),
                                count.asText(),
                                "is not a whole number of GPUs",
                                "Maybe round it to whole GPUs (or nodes) in the plan?"));
                    }
                });
            }
        }
        return problems;
    }
}
