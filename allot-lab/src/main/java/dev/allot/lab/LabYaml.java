package dev.allot.lab;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.model.Lab;
import dev.allot.core.planner.GrantRules;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The lab file: a lab operator's YAML description of the fleet, portfolio, policy, decisions and history of one
 * cycle (format: {@code docs/lab-file.md}).
 *
 * <p>{@link #read} checks the whole file and reports every problem at once; {@link #write} emits the same format,
 * so {@code read(write(lab))} equals {@code lab} for any lab read from a file or made by {@link DemoLab}. Both are
 * stateless and thread-safe.
 */
public final class LabYaml {
    /** Stable error code of an invalid lab file. */
    public static final String INVALID = "LAB_INVALID";

    /**
     * Largest lab file read by default, in MiB (a 30,000-project lab is about 20 MiB); callers may allow up to
     * {@link #MAX_FILE_MB_LIMIT}.
     */
    public static final int DEFAULT_MAX_FILE_MB = 64;

    /** Upper bound of a configurable maximum: the whole file and its tree are held in memory. */
    public static final int MAX_FILE_MB_LIMIT = 1024;

    private static final int BYTES_PER_MB = 1024 * 1024;
    private static final YAMLMapper MAPPER = mapper(DEFAULT_MAX_FILE_MB);

    private LabYaml() {}

    /**
     * Parses and checks a lab file.
     *
     * @param sourceName where the text came from (a file name), used in the error message
     * @throws AllotException of kind {@code INVALID_INPUT} and code {@value #INVALID} listing every problem, each
     *     located by its YAML path (e.g. {@code projects[3].ask.floor}) or, for syntax errors, its line and column
     */
    public static Lab read(String yaml, String sourceName) {
        return read(yaml, sourceName, DEFAULT_MAX_FILE_MB);
    }

    /**
     * Parses and checks a lab file of at most {@code maxFileMb} MiB (of text); a larger one is one problem, "file too
     * large", instead of a syntax error.
     *
     * @param maxFileMb 1 to {@value #MAX_FILE_MB_LIMIT}
     */
    public static Lab read(String yaml, String sourceName, int maxFileMb) {
        return readFile(yaml, sourceName, maxFileMb).lab();
    }

    /** Parses and checks a lab file with its {@code evidence:} section; see {@link #read(String, String)}. */
    public static LabFile readFile(String yaml, String sourceName) {
        return readFile(yaml, sourceName, DEFAULT_MAX_FILE_MB);
    }

    /**
     * Parses and checks a lab file of at most {@code maxFileMb} MiB with its {@code evidence:} section; problems of
     * the evidence are listed with the lab's, each at its path (e.g. {@code evidence[1].points[3].compute}).
     */
    public static LabFile readFile(String yaml, String sourceName, int maxFileMb) {
        if (maxFileMb < 1 || maxFileMb > MAX_FILE_MB_LIMIT) {
            throw new IllegalArgumentException(
                    "maxFileMb must be within 1.." + MAX_FILE_MB_LIMIT + ", was " + maxFileMb);
        }
        Problems problems = new Problems();
        String text = yaml == null ? "" : yaml;
        if (text.length() > (long) maxFileMb * BYTES_PER_MB) {
            problems.add("(file)", "", tooLarge(text.length(), maxFileMb), "");
        }
        JsonNode root = problems.isEmpty()
                ? parse(text, maxFileMb == DEFAULT_MAX_FILE_MB ? MAPPER : mapper(maxFileMb), problems)
                : null;
        LabReader reader = new LabReader(problems);
        Lab lab = root == null ? null : reader.read(root);
        if (lab != null) {
            // Rules on what the planner is asked to grant live once in core; the reader only places them.
            GrantRules.check(lab)
                    .forEach(
                            problem -> problems.add(problem.path(), problem.value(), problem.reason(), problem.hint()));
        }
        if (!problems.isEmpty() || lab == null) {
            int count = Math.max(1, problems.size());
            throw new AllotException(
                    Kind.INVALID_INPUT,
                    INVALID,
                    sourceName + ": " + count + (count == 1 ? " problem" : " problems"),
                    problems.list(),
                    null);
        }
        return new LabFile(lab, reader.evidence());
    }

    /**
     * The lab as a lab file, in the documented key order. Each project carries its ask and its scores, so asks and
     * scores are written in project order, and any that name a project missing from the lab are left out.
     */
    public static String write(Lab lab) {
        return new LabWriter().write(lab);
    }

    /** The lab and its evidence as a lab file: {@code readFile(write(file))} equals {@code file}. */
    public static String write(LabFile file) {
        return new LabWriter().write(file.lab()) + EvidenceWriter.write(file.evidence());
    }

    /** The message of a file over the limit, e.g. "file too large (31.5 MB > limit 16 MB; set --max-file-mb)". */
    public static String tooLarge(long sizeBytes, int maxFileMb) {
        return String.format(
                java.util.Locale.ROOT,
                "file too large (%.1f MB > limit %d MB; set --max-file-mb)",
                sizeBytes / (double) BYTES_PER_MB,
                maxFileMb);
    }

    /** A reader whose YAML parser accepts documents up to the limit (SnakeYAML's own default stops at 3 MB). */
    private static YAMLMapper mapper(int maxFileMb) {
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(maxFileMb * BYTES_PER_MB);
        return YAMLMapper.builder(YAMLFactory.builder().loaderOptions(loader).build())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    private static JsonNode parse(String yaml, YAMLMapper mapper, Problems problems) {
        JsonNode root;
        try {
            root = mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            syntaxProblem(e, problems);
            return null;
        } catch (RuntimeException e) {
            problems.add("(file)", "", "cannot be read as YAML: " + e.getMessage(), "");
            return null;
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            problems.add("(file)", "", "is empty", "Maybe start from the example in docs/lab-file.md?");
            return null;
        }
        return root;
    }

    private static void syntaxProblem(JsonProcessingException e, Problems problems) {
        JsonLocation location = e.getLocation();
        String where =
                location == null ? "(file)" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
        if (e.getCause() instanceof MarkedYAMLException yaml) {
            String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + startedAt(yaml) + ")";
            problems.add(
                    where,
                    "",
                    "YAML syntax error: " + yaml.getProblem() + context,
                    "Maybe check the indentation (spaces, not tabs), quotes and brackets near that line?");
        } else if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
            String key = e.getOriginalMessage().replaceFirst("Duplicate field ", "");
            problems.add(
                    where,
                    key.replace("'", ""),
                    "key " + key + " appears twice in the same mapping",
                    "Maybe merge the two entries?");
        } else {
            problems.add(
                    where,
                    "",
                    "YAML syntax error: " + firstLine(e.getOriginalMessage()),
                    "Maybe check the indentation and brackets near that line?");
        }
    }

    private static String startedAt(MarkedYAMLException yaml) {
        return yaml.getContextMark() == null
                ? ""
                : " that starts at line " + (yaml.getContextMark().getLine() + 1) + ", column "
                        + (yaml.getContextMark().getColumn() + 1);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
