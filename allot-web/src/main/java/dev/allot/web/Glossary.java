package dev.allot.web;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The words of the board in plain language, once: the tooltips of the pages ({@code term.jte}), the /glossary page
 * and docs/glossary.md are all written from this list.
 */
final class Glossary {
    /** One term: its anchor id, its name as the pages write it, and what it means. */
    record Term(String id, String name, String definition) {}

    static final List<Term> TERMS = List.of(
            new Term(
                    "project",
                    "Project",
                    "A research effort with a lead, members and a category: the unit that asks for GPUs and is granted"
                            + " them."),
            new Term(
                    "category",
                    "Category",
                    "The kind of research a project does (by default exploratory, product, infrastructure or safety);"
                            + " the policy bounds each category's share of effective compute."),
            new Term("lead", "Lead", "The person who asks for compute on a project's behalf and edits its ask."),
            new Term(
                    "priority",
                    "Priority",
                    "The project's weight in the planner: the reviewers' scores (1 to 10) taken together. When GPUs"
                            + " are scarce, higher priority is funded first."),
            new Term(
                    "asked",
                    "Asked",
                    "The GPUs the project's ask targets this cycle; its floor and ceiling show on hover."),
            new Term(
                    "floor",
                    "Floor",
                    "The fewest GPUs a project can run on: it gets at least its floor or nothing at all."),
            new Term("target", "Target", "The GPUs a project asks for to do the work it plans this cycle."),
            new Term("ceiling", "Ceiling", "The most GPUs a project could use; the planner never grants more."),
            new Term(
                    "largest-job",
                    "Largest job",
                    "The GPUs one job of the project needs at once, on one GPU type, with the types its jobs run on:"
                            + " the plan grants no other type, and a grant of a type below it cannot start that job"
                            + " (a warning before publish, or not allowed when the policy's job shapes are strict)."),
            new Term(
                    "gpu-type",
                    "GPU type",
                    "A kind of GPU (H100, A100, ...) with a relative speed; the board has one column of granted GPUs"
                            + " per type."),
            new Term("granted", "Granted", "The GPUs the plan gives the project this cycle, all types together."),
            new Term(
                    "decision",
                    "Decision",
                    "The grant set against last cycle's: new, grow, keep, shrink, kill, or declined (asked, had"
                            + " nothing, still gets nothing)."),
            new Term("change", "Change", "Granted GPUs minus the GPUs the project held last cycle."),
            new Term(
                    "used",
                    "Used",
                    "The share of last cycle's granted GPU-hours the project used, from the schedulers' accounting;"
                            + " a dash when it had no grant or no usage was recorded."),
            new Term("usage", "Usage", "The used share of the grant in each past cycle, drawn as a small line."),
            new Term(
                    "idle-grant",
                    "Idle grant",
                    "A grant of which less than the policy's idle threshold (usage.idleBelow, 50 % by default) was"
                            + " used last cycle. It is flagged; when the policy says so, the planner caps it at the"
                            + " use plus headroom."),
            new Term(
                    "reserve",
                    "Reserve",
                    "GPUs of each type the policy holds back from the plan (a share of every type, plus fixed"
                            + " numbers) for emergencies and large runs."),
            new Term(
                    "granularity",
                    "Granularity",
                    "The step in which GPUs are granted: whole nodes (8 GPUs at a time on 8-GPU nodes) or single"
                            + " GPUs."),
            new Term(
                    "exchange-rate",
                    "Exchange rate",
                    "How GPUs of two types trade, from their relative speeds: with H100 at 1.0 and A100 at 0.5,"
                            + " one H100 is worth two A100."),
            new Term(
                    "shadow-price",
                    "Shadow price",
                    "What one more GPU of a type would add to the plan's value. A high shadow price means the type"
                            + " is scarce; zero means some of it is left over."),
            new Term(
                    "effective-compute",
                    "Effective compute",
                    "GPUs weighted by their relative speed (GPUs x speed), so that grants of different types"
                            + " compare; category shares are counted this way."),
            new Term(
                    "yield-date",
                    "Yield date",
                    "The day by which a project whose grant shrinks or moves must give GPUs up; until then it keeps"
                            + " its previous grant."));

    private static final Map<String, Term> BY_ID =
            TERMS.stream().collect(Collectors.toUnmodifiableMap(Term::id, Function.identity()));

    private Glossary() {}

    /** The term with this id; a missing one is a programming error in a template. */
    static Term of(String id) {
        Term term = BY_ID.get(id);
        if (term == null) {
            throw new IllegalArgumentException("No glossary entry " + id);
        }
        return term;
    }

    /** docs/glossary.md. */
    static String markdown() {
        StringBuilder out = new StringBuilder("# Glossary\n\n");
        out.append("The words of the board and the review in plain language. The web UI shows the same text as a\n")
                .append("tooltip on each column and lists it at `/glossary`; both come from `Glossary.java` in\n")
                .append("allot-web, which writes this file (`GlossaryTest`, `-Dallot.writeGlossaryDoc=true`).\n\n");
        for (Term term : TERMS) {
            out.append("- **")
                    .append(term.name())
                    .append("**: ")
                    .append(term.definition())
                    .append('\n');
        }
        return out.toString();
    }
}
