package dev.allot.server;

import dev.allot.application.Application;
import dev.allot.application.Blocks;
import dev.allot.core.model.Block;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.ProjectId;
import dev.allot.core.rules.BlockRules;
import dev.allot.core.rules.Limits;
import dev.allot.store.StoredPlan;
import dev.allot.store.Versioned;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reserved blocks: {@code /api/cycles/{cycle}/asks/{project}/blocks} (a project's, part of its ask, as one list with
 * an ETag) and {@code /api/cycles/{cycle}/blocks} (the cycle's, with where the plan the caller may see placed each).
 */
final class BlockHandlers {
    private final Application application;

    BlockHandlers(Application application) {
        this.application = application;
    }

    void project(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        ProjectId project = Requests.project(ctx);
        send(ctx, cycle, project, application.blocks().of(cycle, project));
    }

    /** Replaces the project's whole list: a block the body leaves out is removed. */
    void replace(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        ProjectId project = Requests.project(ctx);
        Integer expected = Requests.ifMatch(ctx);
        // Who may write the blocks is the ask's rule; checked before the body so a stranger learns nothing.
        application.reviews().requireAskWriter(project, Requests.actor(ctx));
        Fields body = Fields.parse(ctx.body());
        if (!body.has("blocks")) {
            body.problem("blocks", "", "is required", "Maybe \"blocks\": [] to remove every block?");
        }
        List<BlockRules.Entry> entries = body.list("blocks", Fields.MAX_LIST, BlockHandlers::entry);
        body.done();
        send(ctx, cycle, project, application.blocks().replace(cycle, project, entries, expected, Requests.actor(ctx)));
    }

    /** The cycle's blocks with their placement in the plan this caller may see. */
    void cycle(Context ctx) {
        CycleId cycle = Requests.cycle(ctx);
        List<Block> asked = application.blocks().list(cycle);
        var plan = application.reads().shownPlan(cycle, Requests.actor(ctx).role());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cycle", cycle.value());
        body.put("planVersion", plan.map(StoredPlan::version).orElse(null));
        body.put("planKind", plan.map(StoredPlan::kind).orElse(null));
        body.put(
                "blocks",
                Blocks.schedule(asked, plan.map(StoredPlan::plan)).stream()
                        .map(scheduled -> {
                            Map<String, Object> fields = fields(scheduled.block());
                            fields.put(
                                    "placed",
                                    scheduled
                                            .placed()
                                            .map(placed -> Map.of(
                                                    "start", placed.start().toString(),
                                                    "end", placed.end().toString()))
                                            .orElse(null));
                            fields.put("explanation", scheduled.explanation());
                            return fields;
                        })
                        .toList());
        ctx.json(body);
    }

    private static BlockRules.Entry entry(Fields f) {
        String type = f.text("gpuType", Fields.MAX_NAME, null);
        int gpus = f.integer("gpus", 1, Limits.MAX_GPUS, null);
        int days = f.integer("days", 1, 366, null);
        LocalDate earliest = f.date("earliestStart");
        LocalDate latest = f.date("latestEnd");
        return new BlockRules.Entry(type, gpus, days, earliest, latest);
    }

    private static void send(Context ctx, CycleId cycle, ProjectId project, Versioned<List<Block>> blocks) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cycle", cycle.value());
        body.put("project", project.value());
        body.put("blocks", blocks.value().stream().map(BlockHandlers::fields).toList());
        ctx.header("ETag", blocks.etag()).json(body);
    }

    private static Map<String, Object> fields(Block block) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("project", block.project().value());
        fields.put("gpuType", block.gpuType().value());
        fields.put("gpus", block.gpus());
        fields.put("days", block.days());
        fields.put("earliestStart", block.earliestStart().toString());
        fields.put("latestEnd", block.latestEnd().toString());
        return fields;
    }
}
