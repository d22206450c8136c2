package dev.allot.web;

import dev.allot.application.Application;
import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.evidence.ComputeUnit;
import dev.allot.evidence.EvidenceFormat;
import dev.allot.evidence.ImportedEvidence;
import dev.allot.evidence.RunCompute;
import dev.allot.store.Actor;
import dev.allot.store.Cycle;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Adding evidence from the web: a CSV or lm-evaluation-harness results file, uploaded or pasted, read by the same use
 * case as the API and the CLI. Any problem of the form or the file is shown at once, with its line or field, and
 * nothing is stored; the same people may add evidence as through the API (admins, deciders, the project's lead).
 */
final class EvidenceForm {
    /** A file larger than this is not a lab's eval results (the API's limit). */
    static final int MAX_CONTENT = 5_000_000;

    /** Characters no evidence file holds (the server refuses them in every other field too). */
    private static final java.util.regex.Pattern CONTROL =
            java.util.regex.Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

    /** The form as typed, kept whole so that a refused form comes back as it was sent. */
    record Values(
            String format,
            String content,
            String source,
            String compute,
            String computeUnit,
            String parameters,
            String tokens,
            String privateTasks) {
        static final Values EMPTY = new Values("auto", "", "", "", "gpu-hours", "", "", "");
    }

    /**
     * @param fileProblems every problem of the file, one line each ("line 3, column compute: ...")
     * @param imported after an import: what was stored, in words ("" before)
     * @param notes the reader's notes on an imported file (tasks skipped, directions guessed)
     */
    record View(
            Page page,
            Project project,
            Cycle cycle,
            Values values,
            FormErrors errors,
            String fileSummary,
            List<String> fileProblems,
            String imported,
            List<String> notes) {}

    private final Application application;

    EvidenceForm(Application application) {
        this.application = application;
    }

    String show(Context ctx, Page page) {
        Target target = target(ctx, page);
        return render(new View(
                page, target.project(), target.cycle(), Values.EMPTY, new FormErrors(), "", List.of(), "", List.of()));
    }

    String save(Context ctx, Page page) {
        Target target = target(ctx, page);
        UploadedFile file = ctx.uploadedFile("file");
        boolean uploaded = file != null && file.size() > 0;
        FormErrors errors = new FormErrors();
        String pasted = Forms.text(ctx, "content", MAX_CONTENT);
        String content = uploaded ? upload(file, errors) : pasted;
        Values values = new Values(
                Forms.text(ctx, "format", 20),
                content,
                Forms.text(ctx, "source", 200),
                Forms.text(ctx, "compute", 40),
                Forms.text(ctx, "computeUnit", 20),
                Forms.text(ctx, "parameters", 40),
                Forms.text(ctx, "tokens", 40),
                Forms.text(ctx, "privateTasks", 4000));
        if (uploaded && !pasted.isEmpty()) {
            errors.add("content", "content: both a file and pasted text were sent. Maybe clear one of them?");
        }
        String source = !values.source().isEmpty() ? values.source() : uploaded ? file.filename() : "web form (pasted)";
        EvidenceFormat format = format(values, uploaded ? file.filename() : "", errors);
        RunCompute run = run(values, format, errors);
        if (values.content().isBlank() && !errors.has("file")) {
            errors.add("content", "content: empty. Maybe upload the file, or paste its text?");
        }
        if (!errors.isEmpty()) {
            ctx.status(422);
            return render(view(page, target, values, errors, "", List.of()));
        }
        try {
            ImportedEvidence imported = application
                    .evidence()
                    .importFile(
                            target.cycle().id(),
                            target.project().id(),
                            values.content(),
                            format,
                            source,
                            run,
                            new HashSet<>(tasks(values.privateTasks())),
                            null,
                            actor(page))
                    .value();
            String done = "Imported " + imported.series().size() + " series from " + source + " into cycle "
                    + target.cycle().id() + ": "
                    + String.join(
                            ", ",
                            imported.series().stream()
                                    .map(s -> s.metric().name() + " ("
                                            + s.points().size() + " points)")
                                    .toList())
                    + ".";
            return render(new View(
                    page,
                    target.project(),
                    target.cycle(),
                    Values.EMPTY,
                    errors,
                    "",
                    List.of(),
                    done,
                    imported.notes()));
        } catch (AllotException refused) {
            if (refused.kind() != AllotException.Kind.INVALID_INPUT) {
                throw refused;
            }
            ctx.status(422);
            List<String> problems = refused.problems().isEmpty()
                    ? List.of(refused.getMessage())
                    : refused.problems().stream().map(Problem::describe).toList();
            String summary = refused.problems().isEmpty()
                    ? "Nothing was imported."
                    : problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in "
                            + (uploaded ? file.filename() : "the pasted text") + "; nothing was imported.";
            return render(view(page, target, values, errors, summary, problems));
        }
    }

    private static View view(
            Page page, Target target, Values values, FormErrors errors, String summary, List<String> problems) {
        return new View(page, target.project(), target.cycle(), values, errors, summary, problems, "", List.of());
    }

    private static String upload(UploadedFile file, FormErrors errors) {
        if (file.size() > MAX_CONTENT) {
            errors.add(
                    "file",
                    "file: " + file.filename() + " has " + file.size() + " bytes, more than " + MAX_CONTENT
                            + ". Maybe import the results of one run at a time?");
            return "";
        }
        try (InputStream in = file.content()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            java.util.regex.Matcher control = CONTROL.matcher(text);
            if (control.find()) {
                long line = 1
                        + text.substring(0, control.start())
                                .chars()
                                .filter(c -> c == '\n')
                                .count();
                errors.add(
                        "file",
                        "file: " + file.filename() + " has a control character (code "
                                + (int) control.group().charAt(0) + ") on line " + line
                                + ". Maybe it is not a text file?");
                return "";
            }
            return text;
        } catch (IOException e) {
            errors.add(
                    "file",
                    "file: " + file.filename() + " could not be read (" + e.getMessage() + "). Maybe send it again?");
            return "";
        }
    }

    /** The chosen format; "auto" follows the file name (.json is lm-eval) and, for pasted text, its first character. */
    private static EvidenceFormat format(Values values, String fileName, FormErrors errors) {
        return switch (values.format()) {
            case "csv" -> EvidenceFormat.CSV;
            case "lm-eval" -> EvidenceFormat.LM_EVAL;
            case "auto", "" ->
                !fileName.isEmpty()
                        ? EvidenceFormat.guess(fileName)
                        : values.content().stripLeading().startsWith("{") ? EvidenceFormat.LM_EVAL : EvidenceFormat.CSV;
            default -> {
                errors.add("format", "format: '" + values.format() + "' is not known. Maybe csv or lm-eval?");
                yield EvidenceFormat.CSV;
            }
        };
    }

    /** The evaluated model's compute, which lm-eval files do not record (ignored for CSV, whose rows carry it). */
    private static RunCompute run(Values values, EvidenceFormat format, FormErrors errors) {
        if (format != EvidenceFormat.LM_EVAL) {
            return null;
        }
        double compute = errors.positive(
                "compute", values.compute(), true, "Maybe the GPU-hours or FLOP that trained the evaluated model?");
        ComputeUnit unit = switch (values.computeUnit()) {
            case "flop" -> ComputeUnit.FLOP;
            case "gpu-hours", "" -> ComputeUnit.GPU_HOURS;
            default -> {
                errors.add(
                        "computeUnit",
                        "computeUnit: '" + values.computeUnit() + "' is not known. Maybe gpu-hours or flop?");
                yield ComputeUnit.GPU_HOURS;
            }
        };
        double parameters = errors.positive("parameters", values.parameters(), false, "Maybe 7e9, or leave it empty?");
        double tokens = errors.positive("tokens", values.tokens(), false, "Maybe 1.4e12, or leave it empty?");
        if (Double.isNaN(compute)) {
            return null;
        }
        return new RunCompute(compute, unit, optional(parameters), optional(tokens));
    }

    private static OptionalDouble optional(double value) {
        return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static List<String> tasks(String text) {
        return Arrays.stream(text.split("[,\\s]+"))
                .map(String::strip)
                .filter(task -> !task.isEmpty())
                .limit(1_000)
                .toList();
    }

    private static String render(View view) {
        return Templates.render("evidenceForm.jte", view);
    }

    private static Actor actor(Page page) {
        return new Actor(page.rights().user(), page.rights().role());
    }

    private record Target(Project project, Cycle cycle) {}

    /** The project and cycle, once the person may add evidence to that project (before anything sent is read). */
    private Target target(Context ctx, Page page) {
        ProjectId id = ProjectId.of(Slugs.require(ctx.pathParam("project"), "project"));
        Cycle cycle = Cycles.require(application.reads(), page.cycle()).value();
        Project project = application.reads().lab(cycle.id()).projectsById().get(id);
        if (project == null) {
            throw new AllotException(
                    AllotException.Kind.NOT_FOUND,
                    "project-not-found",
                    "Project " + id + " does not exist. Maybe search for it on the board?");
        }
        application.evidence().requireWriter(project.id(), actor(page));
        return new Target(project, cycle);
    }
}
