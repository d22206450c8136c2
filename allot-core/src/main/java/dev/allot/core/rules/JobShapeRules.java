package dev.allot.core.rules;

import dev.allot.core.ErrorCode;
import dev.allot.core.Problem;
import dev.allot.core.model.Ask;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.JobShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules of an ask's job shape, one method each. Problems name the fields {@code jobShape.largestJobGpus} and
 * {@code jobShape.gpuTypes[i]}; each entry point places them under its ask (lab file {@code projects[3].ask}, API
 * body, form).
 */
public final class JobShapeRules {
    static final String LARGEST = "jobShape.largestJobGpus";

    private JobShapeRules() {}

    /** The largest job: a whole number of GPUs from 1 to {@link Limits#MAX_GPUS}. */
    public static List<Problem> largestJobGpus(String project, long gpus) {
        if (gpus >= 1 && gpus <= Limits.MAX_GPUS) {
            return List.of();
        }
        return List.of(new Problem(
                ErrorCode.JOB_SHAPE_GPUS_OUT_OF_RANGE.code(),
                LARGEST,
                String.valueOf(gpus),
                "the largest job of project " + project + " must be a whole number of GPUs from 1 to "
                        + Limits.MAX_GPUS,
                gpus < 1 ? "Maybe the GPUs of its largest training run, or no job shape?" : "Maybe fewer GPUs?"));
    }

    /**
     * A job shape against its ask and the lab: every type it names exists in the lab and is one the ask accepts, and
     * the largest job fits in the GPUs of each type it names (or, naming none, of some type the ask accepts), since
     * a job runs on one type.
     *
     * @param capacityGpus the lab's GPUs per type
     */
    public static List<Problem> fits(Ask ask, Map<GpuTypeId, Integer> capacityGpus) {
        List<Problem> problems = new ArrayList<>();
        if (ask.jobShape().isEmpty()) {
            return problems;
        }
        JobShape shape = ask.jobShape().get();
        String project = ask.project().value();
        int largest = shape.largestJobGpus();
        int index = 0;
        for (GpuTypeId type : shape.gpuTypes()) {
            String field = "jobShape.gpuTypes[" + index++ + "]";
            if (!capacityGpus.containsKey(type)) {
                problems.add(new Problem(
                        ErrorCode.UNKNOWN_GPU_TYPE.code(),
                        field,
                        type.value(),
                        "unknown GPU type",
                        Suggest.closest(
                                        type.value(),
                                        capacityGpus.keySet().stream()
                                                .map(GpuTypeId::value)
                                                .toList())
                                .map(closest -> "Maybe " + closest + "?")
                                .orElse("Maybe declare it under gpuTypes?")));
            } else if (!ask.gpuTypes().isEmpty() && !ask.gpuTypes().contains(type)) {
                problems.add(new Problem(
                        ErrorCode.JOB_SHAPE_TYPE_NOT_ASKED.code(),
                        field,
                        type.value(),
                        "project " + project + "'s jobs run on " + type + ", which its ask does not accept ("
                                + ask.gpuTypes() + ")",
                        "Maybe add " + type + " to the ask's GPU types?"));
            } else if (largest > capacityGpus.get(type)) {
                problems.add(abovePool(project, largest, field, type.value(), capacityGpus.get(type)));
            }
        }
        if (shape.gpuTypes().isEmpty()) {
            List<GpuTypeId> accepted =
                    capacityGpus.keySet().stream().filter(ask::accepts).toList();
            int most = accepted.stream().mapToInt(capacityGpus::get).max().orElse(0);
            if (!accepted.isEmpty() && largest > most) {
                problems.add(abovePool(project, largest, LARGEST, "accepted", most));
            }
        }
        return problems;
    }

    private static Problem abovePool(String project, int largest, String field, String type, int capacity) {
        boolean named = field.startsWith("jobShape.gpuTypes");
        return new Problem(
                ErrorCode.JOB_SHAPE_ABOVE_POOL.code(),
                field,
                named ? type : String.valueOf(largest),
                "the largest job of project " + project + " (" + largest + " GPUs) exceeds every " + type
                        + " GPU of the lab (" + capacity + "), so it could never start",
                named ? "Maybe drop " + type + " from the job's types, or split the job?" : "Maybe split the job?");
    }
}
