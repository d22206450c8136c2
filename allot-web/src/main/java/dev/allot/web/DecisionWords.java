package dev.allot.web;

import dev.allot.core.model.Allocation;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectPlan;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A plan's decision on one project in plain words, for the project's lead: "shrinks from 64 to 32 H100 by 15 Jan 2027". */
final class DecisionWords {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private DecisionWords() {}

    /** The sentence after the project's name: "grows from 32 to 64 H100", "is stopped: it yields 16 A100 by ...". */
    static String of(ProjectPlan line) {
        Allocation was = line.previous();
        Allocation now = line.grant();
        String by = line.yieldBy().map(day -> " by " + date(day)).orElse("");
        return switch (line.decision()) {
            case NEW -> "gets " + gpus(now) + ", new this cycle";
            case GROW -> "grows from " + fromTo(was, now);
            case KEEP ->
                was.equals(now) ? "keeps its " + gpus(now) : "keeps its compute, moving from " + fromTo(was, now);
            case SHRINK -> "shrinks from " + fromTo(was, now) + by;
            case KILL -> "is stopped: it yields its " + gpus(was) + by;
            case DECLINED -> "is not funded this cycle";
        };
    }

    /** The yield date in words, or "" when the project yields nothing. */
    static String yieldDate(ProjectPlan line) {
        return line.yieldBy()
                .map(day -> "By " + date(day) + " the project's jobs must fit in " + gpus(line.grant())
                        + "; the scheduler enforces the smaller grant from that day.")
                .orElse("");
    }

    static String date(LocalDate day) {
        return DATE.format(day);
    }

    /** "64 to 32 H100" when both sides are one and the same type, else "64 H100 to 16 H100 and 32 A100". */
    private static String fromTo(Allocation was, Allocation now) {
        Map<GpuTypeId, Integer> before = was.gpus();
        Map<GpuTypeId, Integer> after = now.gpus();
        if (before.size() == 1 && before.keySet().equals(after.keySet())) {
            GpuTypeId type = before.keySet().iterator().next();
            return Format.thousands(before.get(type)) + " to " + Format.thousands(after.get(type)) + " " + type.value();
        }
        return gpus(was) + " to " + gpus(now);
    }

    /** "64 H100", "32 H100 and 16 A100", or "no GPUs". */
    static String gpus(Allocation allocation) {
        if (allocation.isEmpty()) {
            return "no GPUs";
        }
        List<String> parts = new ArrayList<>();
        allocation.gpus().forEach((type, count) -> parts.add(Format.thousands(count) + " " + type.value()));
        return String.join(" and ", parts);
    }
}
