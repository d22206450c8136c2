package dev.allot.web;

import dev.allot.application.Application;
import dev.allot.application.Reads;
import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.model.Ask;
import dev.allot.core.model.Block;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.JobShape;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.rules.AskRules;
import dev.allot.core.rules.BlockRules;
import dev.allot.core.rules.JobShapeRules;
import dev.allot.core.rules.Limits;
import dev.allot.store.Actor;
import dev.allot.store.AskState;
import dev.allot.store.Cycle;
import dev.allot.store.CycleState;
import dev.allot.store.Evidence;
import dev.allot.store.StoredAsk;
import dev.allot.store.Versioned;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The project lead's ask: floor, target and ceiling GPUs, acceptable GPU types, the largest job and the types it
 * runs on, justification and evidence links.
 */
final class AskForm {
    /** The form's fields as typed (kept as text so that a refused form comes back exactly as it was sent). */
    record Values(
            String floor,
            String target,
            String ceiling,
            List<String> gpuTypes,
            String justification,
            String links,
            String version,
            List<BlockRows.Row> blocks,
            String blocksVersion,
            String largestJob,
            List<String> jobGpuTypes) {
        Values {
            blocks = blocks == null ? List.of() : List.copyOf(blocks);
            blocksVersion = blocksVersion == null ? "" : blocksVersion;
            largestJob = largestJob == null ? "" : largestJob;
            jobGpuTypes = jobGpuTypes == null ? List.of() : List.copyOf(jobGpuTypes);
        }

        /** A form without a job shape. */
        Values(
                String floor,
                String target,
                String ceiling,
                List<String> gpuTypes,
                String justification,
                String links,
                String version,
                List<BlockRows.Row> blocks,
                String blocksVersion) {
            this(floor, target, ceiling, gpuTypes, justification, links, version, blocks, blocksVersion, "", List.of());
        }
    }

    /** @param carried whether the stored ask was carried over from last cycle and awaits its lead's confirmation */
    record View(
            Page page,
            Project project,
            Cycle cycle,
            List<String> allTypes,
            Values values,
            FormErrors errors,
            boolean carried) {}

    private static final int MAX_GPUS = Limits.MAX_GPUS;

    private final Application application;
    private final Reads reads;

    AskForm(Application application) {
        this.application = application;
        this.reads = application.reads();
    }

    String show(Context ctx, Page page) {
        Target target = target(ctx, page);
        Optional<Versioned<StoredAsk>> stored =
                reads.ask(target.cycle().id(), target.project().id());
        Versioned<List<Block>> blocks =
                application.blocks().of(target.cycle().id(), target.project().id());
        List<BlockRows.Row> rows = BlockRows.of(blocks.value());
        String blocksVersion = String.valueOf(blocks.version());
        Values values = stored.map(ask -> values(ask, rows, blocksVersion))
                .orElse(new Values("0", "", "", List.of(), "", "", "", rows, blocksVersion));
        return render(page, target, values, new FormErrors());
    }

    String save(Context ctx, Page page) {
        Target target = target(ctx, page);
        Values values = new Values(
                Forms.text(ctx, "floor", 40),
                Forms.text(ctx, "target", 40),
                Forms.text(ctx, "ceiling", 40),
                ctx.formParams("gpuTypes"),
                Forms.text(ctx, "justification", 4000),
                Forms.text(ctx, "links", 4000),
                Forms.text(ctx, "version", 12),
                BlockRows.read(ctx),
                Forms.text(ctx, "blocksVersion", 12),
                Forms.text(ctx, "largestJob", 40),
                ctx.formParams("jobGpuTypes"));
        FormErrors errors = new FormErrors();
        Ask ask = parse(target, values, errors);
        List<BlockRules.Entry> blocks = BlockRows.parse(values.blocks(), errors);
        if (errors.isEmpty()) {
            BlockRows.show(application.blocks().problems(target.cycle().id(), blocks), values.blocks(), errors);
        }
        if (!errors.isEmpty()) {
            ctx.status(422);
            return render(page, target, values, errors);
        }
        Evidence before = reads.ask(target.cycle().id(), target.project().id())
                .map(v -> v.value().evidence())
                .orElse(Evidence.NONE);
        Evidence evidence = new Evidence(lines(values.links()), before.evalResults(), before.scalingCurve());
        application
                .blocks()
                .submitAsk(
                        target.cycle().id(),
                        new StoredAsk(ask, evidence),
                        Forms.version(ctx, "version"),
                        blocks,
                        // a project's blocks start at version 0, before their first write
                        values.blocksVersion().isEmpty()
                                ? null
                                : Forms.integer(ctx, "blocksVersion", 0, Integer.MAX_VALUE),
                        new Actor(page.rights().user(), page.rights().role()));
        ctx.redirect("/projects/" + target.project().id().value() + page.cycleQuery(), HttpStatus.SEE_OTHER);
        return null;
    }

    /** The lead keeps last cycle's ask as it stands: the carried-over ask becomes confirmed. */
    String confirm(Context ctx, Page page) {
        Target target = target(ctx, page);
        application
                .reviews()
                .confirmAsk(
                        target.cycle().id(),
                        target.project().id(),
                        Forms.version(ctx, "version"),
                        new Actor(page.rights().user(), page.rights().role()));
        ctx.redirect("/projects/" + target.project().id().value() + page.cycleQuery(), HttpStatus.SEE_OTHER);
        return null;
    }

    Ask parse(Target target, Values values, FormErrors errors) {
        int floor = errors.integer("floor", values.floor(), 0, MAX_GPUS, "Maybe 0 if the project can pause?");
        int wanted = errors.integer("target", values.target(), 0, MAX_GPUS, "Maybe the GPUs the plan of work needs?");
        int ceiling = errors.integer("ceiling", values.ceiling(), 0, MAX_GPUS, "Maybe the target or a little more?");
        if (floor >= 0 && wanted >= 0 && ceiling >= 0) {
            AskRules.order(target.project().id().value(), floor, wanted, ceiling)
                    .forEach(problem -> errors.add(problem, problem.path()));
        }
        List<String> known = reads.gpuTypes().stream().map(t -> t.id().value()).toList();
        values.gpuTypes().stream()
                .filter(type -> !known.contains(type))
                .findFirst()
                .ifPresent(type -> errors.add(
                        "gpuTypes",
                        "gpuTypes: '" + type + "' is not a GPU type of the lab. Maybe one of " + known + "?"));
        if (values.justification().isBlank()) {
            errors.add(
                    "justification",
                    "justification: empty. Maybe say what the GPUs will buy: milestones," + " experiments, deadlines?");
        }
        for (String link : lines(values.links())) {
            if (!link.startsWith("https://") && !link.startsWith("http://")) {
                errors.add(
                        "links",
                        "links: '" + (link.length() > 60 ? link.substring(0, 60) + "..." : link)
                                + "' is not a web address. Maybe start it with https://?");
            }
        }
        Optional<JobShape> shape = jobShape(target, values, errors);
        if (!errors.isEmpty()) {
            return null;
        }
        Set<GpuTypeId> types = values.gpuTypes().stream().map(GpuTypeId::of).collect(Collectors.toSet());
        Ask ask = new Ask(
                target.project().id(),
                floor,
                wanted,
                ceiling,
                types,
                java.util.Map.of(),
                values.justification(),
                shape);
        // the ask against the lab (types, job shape): the rules the submit-ask use cases apply, shown at their fields
        application.reviews().askProblems(ask).forEach(problem -> errors.add(problem, askField(problem)));
        return errors.isEmpty() ? ask : null;
    }

    /** The optional job shape: the largest job's GPUs ({@link JobShapeRules}) and the types it runs on. */
    private static Optional<JobShape> jobShape(Target target, Values values, FormErrors errors) {
        if (values.largestJob().isBlank() && values.jobGpuTypes().isEmpty()) {
            return Optional.empty();
        }
        long largest;
        try {
            largest = Long.parseLong(values.largestJob().strip());
        } catch (NumberFormatException e) {
            errors.add(
                    "largestJob",
                    "largestJob: '" + values.largestJob().strip()
                            + "' is not a whole number of GPUs. Maybe the GPUs of its largest training run?");
            return Optional.empty();
        }
        List<dev.allot.core.Problem> wrong =
                JobShapeRules.largestJobGpus(target.project().id().value(), largest);
        wrong.forEach(problem -> errors.add(problem, "largestJob"));
        Set<GpuTypeId> types = new java.util.LinkedHashSet<>();
        values.jobGpuTypes().forEach(type -> types.add(GpuTypeId.of(type)));
        return wrong.isEmpty() ? Optional.of(new JobShape((int) largest, types)) : Optional.empty();
    }

    private static String askField(dev.allot.core.Problem problem) {
        if (problem.path().startsWith("jobShape.gpuTypes")) {
            return "jobGpuTypes";
        }
        return problem.path().startsWith("jobShape") ? "largestJob" : "gpuTypes";
    }

    private String render(Page page, Target target, Values values, FormErrors errors) {
        List<String> types = reads.gpuTypes().stream().map(t -> t.id().value()).toList();
        boolean carried = reads.ask(target.cycle().id(), target.project().id())
                .map(stored -> stored.value().state() == AskState.CARRIED)
                .orElse(false);
        return Templates.render(
                "ask.jte", new View(page, target.project(), target.cycle(), types, values, errors, carried));
    }

    /** The project and cycle the form is for, once the person may edit that ask now. */
    record Target(Project project, Cycle cycle) {}

    private Target target(Context ctx, Page page) {
        Project project = ProjectPage.project(reads, ProjectId.of(Slugs.require(ctx.pathParam("project"), "project")));
        if (!page.rights().mayAsk(project)) {
            throw new AllotException(
                    Kind.FORBIDDEN,
                    "not-your-project",
                    "User " + page.rights().user() + " ("
                            + page.rights().roleLabel() + ") may not edit the ask of project " + project.id()
                            + " (its lead is "
                            + project.lead() + "). Maybe ask " + project.lead() + " to edit it?");
        }
        Cycle cycle = Cycles.require(reads, page.cycle()).value();
        if (cycle.state() != CycleState.OPEN) {
            throw new AllotException(
                    Kind.CONFLICT,
                    "cycle-state",
                    "Asks of cycle " + cycle.id() + " are frozen: the" + " cycle is "
                            + cycle.state().label() + ". Maybe ask a decider to correct it, or ask next cycle?");
        }
        return new Target(project, cycle);
    }

    private static Values values(Versioned<StoredAsk> stored, List<BlockRows.Row> blocks, String blocksVersion) {
        Ask ask = stored.value().ask();
        return new Values(
                String.valueOf(ask.floorGpus()),
                String.valueOf(ask.targetGpus()),
                String.valueOf(ask.ceilingGpus()),
                ask.gpuTypes().stream().map(GpuTypeId::value).sorted().toList(),
                ask.justification(),
                String.join("\n", stored.value().evidence().links()),
                String.valueOf(stored.version()),
                blocks,
                blocksVersion,
                ask.jobShape()
                        .map(shape -> String.valueOf(shape.largestJobGpus()))
                        .orElse(""),
                ask.jobShape()
                        .map(shape ->
                                shape.gpuTypes().stream().map(GpuTypeId::value).toList())
                        .orElse(List.of()));
    }

    private static List<String> lines(String text) {
        return text.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .limit(50)
                .toList();
    }
}
