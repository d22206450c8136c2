package dev.allot.server;

import static dev.allot.server.OpenApiSchemas.arr;
import static dev.allot.server.OpenApiSchemas.choice;
import static dev.allot.server.OpenApiSchemas.num;
import static dev.allot.server.OpenApiSchemas.obj;
import static dev.allot.server.OpenApiSchemas.ref;
import static dev.allot.server.OpenApiSchemas.str;

import java.util.List;
import java.util.Map;

/** OpenAPI schemas of the evidence routes (see docs/evidence.md). */
final class EvidenceSchemas {
    private EvidenceSchemas() {}

    static void add(Map<String, Object> s) {
        s.put(
                "EvidenceInput",
                obj(
                        List.of("content"),
                        Map.of(
                                "cycle", str(),
                                "format", choice("csv", "lm-eval"),
                                "content", str(),
                                "source", str(),
                                "compute", num(),
                                "computeUnit", choice("gpu-hours", "flop"),
                                "parameters", num(),
                                "tokens", num(),
                                "privateTasks", arr(str()))));
        s.put(
                "EvidenceImported",
                obj(
                        List.of("cycle", "series"),
                        Map.of("cycle", str(), "series", Map.of("type", "integer"), "notes", arr(str()))));
        Map<String, Object> point = obj(
                List.of("compute", "value"),
                Map.of("compute", num(), "value", num(), "standardError", num(), "note", str()));
        s.put("EvidencePoint", point);
        Map<String, Object> band =
                obj(List.of(), Map.of("compute", num(), "predicted", num(), "lower", num(), "upper", num()));
        Map<String, Object> parameter =
                obj(List.of(), Map.of("name", str(), "estimate", num(), "lower", num(), "upper", num()));
        s.put(
                "EvidenceSeries",
                obj(
                        List.of("metric", "points", "status", "message"),
                        Map.ofEntries(
                                Map.entry("metric", str()),
                                Map.entry("unit", str()),
                                Map.entry("direction", choice("lower-is-better", "higher-is-better")),
                                Map.entry("visibility", choice("public-benchmark", "private-held-out")),
                                Map.entry("computeUnit", choice("gpu-hours", "flop")),
                                Map.entry("source", str()),
                                Map.entry("points", arr(ref("EvidencePoint"))),
                                Map.entry(
                                        "status",
                                        choice(
                                                "fitted",
                                                "too-few-points",
                                                "not-improving",
                                                "not-converged",
                                                "poor-fit")),
                                Map.entry("message", str()),
                                Map.entry("parameters", arr(parameter)),
                                Map.entry("setAside", arr(ref("EvidencePoint"))),
                                Map.entry("curve", arr(band)))));
        s.put(
                "EvidenceView",
                obj(
                        List.of("cycle", "project", "series"),
                        Map.of("cycle", str(), "project", str(), "series", arr(ref("EvidenceSeries")))));
    }
}
