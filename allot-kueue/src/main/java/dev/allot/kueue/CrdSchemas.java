package dev.allot.kueue;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI schemas of Kueue's CustomResourceDefinitions, used to check every exported object before it reaches a
 * cluster. {@link #bundled()} holds the CRDs shipped with Allot (Kueue's, as JSON without descriptions, so they load
 * fast); {@link #load(Path)} reads a folder of CRD YAML files, e.g. Kueue's own or the ones installed on a cluster.
 */
public final class CrdSchemas {
    private static final List<String> BUNDLED =
            List.of("clusterqueues", "cohorts", "localqueues", "resourceflavors", "workloadpriorityclasses");
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    /** One served version of one kind. */
    private record Schema(StructuralSchema structural, boolean namespaced) {
        Map<String, Object> openApi() {
            return structural.openApi();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Schema> schemas;
    private final CelRules rules = new CelRules();
    private final Set<String> uncheckedRules = java.util.Collections.synchronizedSet(new TreeSet<>());

    private CrdSchemas(Map<String, Schema> schemas) {
        this.schemas = Map.copyOf(schemas);
    }

    /** The Kueue CRDs bundled with Allot. */
    @SuppressWarnings("unchecked")
    public static CrdSchemas bundled() {
        List<Map<String, Object>> crds = new ArrayList<>();
        for (String name : BUNDLED) {
            String resource = "crds/kueue.x-k8s.io_" + name + ".json";
            try (InputStream in = CrdSchemas.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new AllotException(
                            AllotException.Kind.INTERNAL,
                            "kueue.crd-missing",
                            "CRD " + resource + " is missing from the Allot jar. Maybe rebuild it?");
                }
                crds.add(parseJson(in.readAllBytes(), resource));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return of(crds);
    }

    /** Every CRD in the {@code *.yaml} files of a folder. */
    public static CrdSchemas load(Path folder) throws IOException {
        List<Map<String, Object>> crds = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml"))
                    .sorted()
                    .toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    crds.add(parseYaml(in));
                }
            }
        }
        return of(crds);
    }

    @SuppressWarnings("unchecked")
    private static CrdSchemas of(List<Map<String, Object>> crds) {
        Map<String, Schema> schemas = new HashMap<>();
        for (Map<String, Object> crd : crds) {
            Map<String, Object> spec = (Map<String, Object>) crd.get("spec");
            String group = (String) spec.get("group");
            String kind = (String) ((Map<String, Object>) spec.get("names")).get("kind");
            boolean namespaced = "Namespaced".equals(spec.get("scope"));
            for (Object entry : (List<Object>) spec.get("versions")) {
                Map<String, Object> version = (Map<String, Object>) entry;
                if (Boolean.TRUE.equals(version.get("served"))) {
                    Map<String, Object> openApi = (Map<String, Object>) Tree.at(version, "schema", "openAPIV3Schema");
                    schemas.put(
                            key(group + "/" + version.get("name"), kind),
                            new Schema(new StructuralSchema(openApi), namespaced));
                }
            }
        }
        return new CrdSchemas(schemas);
    }

    /** A bundled CRD; input that is not strict JSON is a packaging error. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseJson(byte[] json, String source) {
        try {
            return JSON.readValue(json, LinkedHashMap.class);
        } catch (JacksonException e) {
            throw new AllotException(
                    AllotException.Kind.INTERNAL,
                    "kueue.crd-broken",
                    "CRD " + source + " in the Allot jar is not valid JSON: " + e.getOriginalMessage()
                            + ". Maybe rebuild it?");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseYaml(InputStream in) {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + " " + kind;
    }

    /** The OpenAPI schema of a served kind and version, or {@code null}. */
    Map<String, Object> openApi(String apiVersion, String kind) {
        Schema schema = schemas.get(key(apiVersion, kind));
        return schema == null ? null : schema.openApi();
    }

    /** Whether a schema for this kind and version is known. */
    public boolean knows(String apiVersion, String kind) {
        return schemas.containsKey(key(apiVersion, kind));
    }

    /**
     * Every reason the API server would reject this object on create, from the CRD schema and Kueue's admission
     * webhook rules; empty when it would accept it.
     */
    public List<Problem> validate(KueueObject object) {
        List<Problem> problems = new ArrayList<>();
        String prefix = object.id() + ": ";
        if ("v1".equals(object.apiVersion()) && "Namespace".equals(object.kind())) {
            checkName(object.name(), DNS_LABEL, 63, problems);
        } else {
            Schema schema = schemas.get(key(object.apiVersion(), object.kind()));
            if (schema == null) {
                problems.add(Problem.of(
                        "apiVersion", object.apiVersion(), "no served CRD version for kind " + object.kind()));
            } else {
                checkName(object.name(), DNS_SUBDOMAIN, 253, problems);
                if (schema.namespaced() == object.namespace().isEmpty()) {
                    problems.add(Problem.of(
                            "metadata.namespace",
                            object.namespace(),
                            schema.namespaced()
                                    ? "is required for a namespaced kind"
                                    : "must be empty for a cluster-scoped kind"));
                }
                schema.structural().check(object.body(), rules, problems, uncheckedRules);
                WebhookRules.check(object, problems);
            }
        }
        return problems.stream()
                .map(p -> new Problem(prefix + p.path(), p.value(), p.reason(), p.hint()))
                .toList();
    }

    /**
     * The rules of the CRD that {@code object} breaks as an update of the live object {@code live}, such as an
     * immutable field that differs; empty when an update is allowed.
     */
    public List<Problem> updateProblems(KueueObject object, Map<String, Object> live) {
        Schema schema = schemas.get(key(object.apiVersion(), object.kind()));
        if (schema == null) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        schema.structural().checkUpdate(object.body(), live, rules, problems, uncheckedRules);
        return problems;
    }

    /** Every problem of every object. */
    public List<Problem> validate(List<KueueObject> objects) {
        return objects.stream().flatMap(object -> validate(object).stream()).toList();
    }

    /**
     * CEL rules met so far that did not compile or evaluate (each also reported as a problem of the object it was
     * met on); an empty set means every rule was checked.
     */
    public Set<String> uncheckedRules() {
        synchronized (uncheckedRules) {
            return Set.copyOf(uncheckedRules);
        }
    }

    private static void checkName(String name, Pattern pattern, int maxLength, List<Problem> problems) {
        if (!pattern.matcher(name).matches() || name.length() > maxLength) {
            problems.add(Problem.of(
                    "metadata.name",
                    name,
                    "is not a valid name (lower-case letters, digits, '-'" + (maxLength == 253 ? ", '.'" : "")
                            + "; at most " + maxLength + " characters)"));
        }
    }
}
