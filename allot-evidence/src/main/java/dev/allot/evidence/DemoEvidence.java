package dev.allot.evidence;

import dev.allot.core.model.Lab;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Evidence for the demo lab: validation-loss curves for a realistic share of its projects, generated from the
 * compute-optimal frontier of the Chinchilla law (Besiroglu et al. 2024 estimates) with noise. About 40 % of
 * projects bring evidence; of those, most are still improving, some are flat (saturated) and some have too few
 * points, so that every outcome of a fit shows up. Deterministic for a seed.
 */
public final class DemoEvidence {
    /** The replication's estimates of Hoffmann et al.'s law. */
    public static final ChinchillaLaw CHINCHILLA = new ChinchillaLaw(1.82, 482, 2085, 0.348, 0.366);

    /** Training FLOP of one reference GPU-hour: 1e15 FLOP/s at 40 % utilisation. */
    public static final double FLOP_PER_GPU_HOUR = 1.44e18;

    static final Metric LOSS =
            new Metric("validation-loss", "nats", Direction.LOWER_IS_BETTER, Visibility.PRIVATE_HELD_OUT);

    private DemoEvidence() {}

    /** One validation-loss series per project that brings evidence, by project. */
    public static Map<ProjectId, EvidenceSeries> generate(Lab lab, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<ProjectId, EvidenceSeries> evidence = new TreeMap<>();
        for (Project project : lab.projects()) {
            double draw = random.nextDouble();
            // Draws are taken for every project, so one project's evidence does not change with another's kind.
            double startGpuHours = 20 * Math.pow(10, 2.5 * random.nextDouble());
            double offset = 0.3 * random.nextDouble();
            long pointSeed = random.nextLong();
            if (draw < 0.28) {
                evidence.put(project.id(), series(project.id(), improving(startGpuHours, offset, 7, pointSeed)));
            } else if (draw < 0.34) {
                evidence.put(project.id(), series(project.id(), flat(startGpuHours, offset, 6, pointSeed)));
            } else if (draw < 0.40) {
                evidence.put(project.id(), series(project.id(), improving(startGpuHours, offset, 3, pointSeed)));
            }
        }
        return evidence;
    }

    private static EvidenceSeries series(ProjectId project, List<EvidencePoint> points) {
        return new EvidenceSeries(project, LOSS, ComputeUnit.GPU_HOURS, "demo", points);
    }

    /** Points on the frontier, compute doubling from {@code start}, 0.3 % noise stated as the error. */
    private static List<EvidencePoint> improving(double start, double offset, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<EvidencePoint> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double gpuHours = start * Math.pow(2, i);
            double loss = CHINCHILLA.optimalLoss(gpuHours * FLOP_PER_GPU_HOUR) + offset;
            points.add(point(gpuHours, loss * (1 + 0.003 * gaussian(random)), 0.003 * loss));
        }
        return points;
    }

    /** A project past its curve's knee: the loss is flat within its noise. */
    private static List<EvidencePoint> flat(double start, double offset, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double level = CHINCHILLA.e() + offset + 0.05;
        List<EvidencePoint> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            points.add(point(start * Math.pow(2, i), level * (1 + 0.003 * gaussian(random)), 0.003 * level));
        }
        return points;
    }

    private static EvidencePoint point(double gpuHours, double loss, double error) {
        return new EvidencePoint(
                gpuHours, loss, OptionalDouble.of(error), OptionalDouble.empty(), OptionalDouble.empty());
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
