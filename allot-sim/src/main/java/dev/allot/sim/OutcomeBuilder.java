package dev.allot.sim;

import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ShareRelation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/** Turns an engine's final state into the public outcome records. */
final class OutcomeBuilder {
    /** Reports carry at most this many time buckets; finer runs are merged. */
    private static final int MAX_POINTS = 240;

    private final Engine engine;
    private final Workload work;
    private final ProjectTally tally;

    OutcomeBuilder(Engine engine) {
        this.engine = engine;
        this.work = engine.work;
        this.tally = engine.recorder.tally;
    }

    SimOutcome build(double wallSeconds) {
        List<ProjectOutcome> projects = new ArrayList<>();
        for (int p = 0; p < work.projects.size(); p++) {
            projects.add(project(p));
        }
        List<CategoryOutcome> categories = new ArrayList<>();
        for (int c = 0; c < work.categories.size(); c++) {
            categories.add(category(c));
        }
        RunStats run = new RunStats(
                engine.options().seed(),
                engine.events(),
                wallSeconds,
                wallSeconds > 0 ? engine.events() / wallSeconds : 0,
                engine.invariantChecks);
        return new SimOutcome(
                engine.policy.name(),
                engine.policy.description(),
                work.lab.name(),
                work.lab.cycle().value(),
                "",
                work.gpuTypeMapping(),
                work.groupMapping,
                run,
                cluster(),
                categories,
                projects,
                relations(),
                series(),
                engine.timeline.outcome());
    }

    private ProjectOutcome project(int p) {
        var line = work.projects.get(p);
        return new ProjectOutcome(line.project(), line.category(), line.grant(), totals(q -> q == p));
    }

    private CategoryOutcome category(int c) {
        int granted = 0;
        for (int p = 0; p < work.projects.size(); p++) {
            granted += work.categoryOf[p] == c ? work.projects.get(p).grant().totalGpus() : 0;
        }
        return new CategoryOutcome(work.categories.get(c), granted, totals(p -> work.categoryOf[p] == c));
    }

    private ClusterOutcome cluster() {
        Map<GpuTypeId, Integer> capacity = new LinkedHashMap<>();
        Map<GpuTypeId, Double> utilisation = new LinkedHashMap<>();
        double makespan = engine.recorder.series.end;
        double busy = 0;
        double total = 0;
        double effectiveBusy = 0;
        double effectiveTotal = 0;
        for (int t = 0; t < work.typeCount(); t++) {
            GpuTypeId id = work.types.get(t).id();
            int gpus = engine.cluster.capacityGpus(t);
            capacity.put(id, gpus);
            double gpuSeconds = capacitySeconds(t, makespan);
            utilisation.put(id, ratio(tally.gpuSecondsByType[t], gpuSeconds));
            busy += tally.gpuSecondsByType[t];
            total += gpuSeconds;
            effectiveBusy += tally.gpuSecondsByType[t] * work.speed[t];
            effectiveTotal +=
                    work.timeline.hasCapacityEvents() ? gpuSeconds * work.speed[t] : gpus * work.speed[t] * makespan;
        }
        Totals totals = totals(p -> true);
        long unfinished = 0;
        long notArrived = 0;
        double unfinishedGpuSeconds = 0;
        for (int j = 0; j < work.jobCount; j++) {
            if (work.submit[j] > makespan) {
                notArrived++;
            } else if (Double.isNaN(engine.finishTime[j]) && !engine.rejectedJob[j]) {
                unfinished++;
                int fastest = engine.typesOf[j].length > 0 ? engine.typesOf[j][0] : 0;
                unfinishedGpuSeconds += engine.remainingAt(j, makespan) * work.seconds(j, fastest) * work.gpus[j];
            }
        }
        double raw = ratio(busy, total);
        double effective = ratio(effectiveBusy, effectiveTotal);
        return new ClusterOutcome(
                capacity,
                utilisation,
                raw,
                effective,
                whileArriving(true, effective),
                whileArriving(false, raw),
                unfinished,
                unfinishedGpuSeconds / 3600,
                notArrived,
                makespan,
                totals);
    }

    /**
     * GPU-seconds of the type in service over the run: capacity x makespan, or with capacity events the integral of
     * the GPUs in service.
     */
    private double capacitySeconds(int type, double makespan) {
        return work.timeline.hasCapacityEvents()
                ? engine.recorder.capacitySeconds[type]
                : engine.cluster.capacityGpus(type) * makespan;
    }

    /** GPUs of the type in service, averaged over the run when capacity events change them. */
    private double averageCapacity(int type) {
        double makespan = engine.recorder.series.end;
        return work.timeline.hasCapacityEvents() && makespan > 0
                ? engine.recorder.capacitySeconds[type] / makespan
                : engine.cluster.capacityGpus(type);
    }

    /**
     * Busy share of the GPUs from the first to the last arrival, raw or weighted by speed; the whole run's figure when
     * every job arrives at once (the window has no length).
     */
    private double whileArriving(boolean weighted, double wholeRun) {
        Recorder recorder = engine.recorder;
        double busy = 0;
        double capacity = 0;
        for (int t = 0; t < work.typeCount(); t++) {
            double weight = weighted ? work.speed[t] : 1;
            busy += recorder.busySecondsInWindow[t] * weight;
            capacity += recorder.capacitySecondsInWindow[t] * weight;
        }
        return capacity > 0 ? busy / capacity : wholeRun;
    }

    /** Figures summed over the projects the predicate selects. */
    private Totals totals(IntPredicate selected) {
        long jobs = 0, completed = 0, rejected = 0, preemptions = 0;
        double workLost = 0;
        double gpuSeconds = 0, received = 0, wanted = 0, borrowed = 0, lent = 0;
        DoubleList waits = new DoubleList();
        DoubleList completions = new DoubleList();
        for (int p = 0; p < work.projects.size(); p++) {
            if (!selected.test(p)) {
                continue;
            }
            jobs += tally.jobs[p];
            completed += tally.completed[p];
            rejected += tally.rejected[p];
            preemptions += tally.preemptions[p];
            workLost += tally.workLostGpuSeconds[p];
            gpuSeconds += tally.gpuSeconds[p];
            received += tally.entitlementReceived[p];
            wanted += tally.entitlementWanted[p];
            borrowed += tally.borrowedGpuSeconds[p];
            lent += tally.lentGpuSeconds[p];
            tally.waits[p].addAllTo(waits);
            tally.completionSeconds[p].addAllTo(completions);
        }
        return new Totals(
                jobs,
                completed,
                rejected,
                Distribution.ofSorted(waits.sorted()),
                Distribution.ofSorted(completions.sorted()),
                gpuSeconds / 3600,
                ratio(received, wanted),
                borrowed / 3600,
                lent / 3600,
                preemptions,
                workLost / 3600);
    }

    private List<RelationCheck> relations() {
        Series series = engine.recorder.series;
        List<RelationCheck> checks = new ArrayList<>();
        for (ShareRelation relation : work.lab.policy().relations()) {
            int left = work.categories.indexOf(relation.left());
            int right = work.categories.indexOf(relation.right());
            int buckets = 0, held = 0, broken = 0;
            for (int b = 0; b < series.buckets; b++) {
                double leftBusy = left < 0 ? 0 : series.categoryBusy[left][b];
                double rightBusy = right < 0 ? 0 : series.categoryBusy[right][b];
                if (leftBusy <= 0 && rightBusy <= 0) {
                    continue;
                }
                buckets++;
                if (leftBusy >= relation.factor() * rightBusy - 1e-9) {
                    held++;
                } else if (left >= 0 && series.categoryDemandSeconds[left][b] > 0) {
                    broken++;
                }
            }
            checks.add(new RelationCheck(relation.toString(), buckets, held, broken));
        }
        return checks;
    }

    private TimeSeries series() {
        Series series = engine.recorder.series;
        double width = engine.recorder.series.bucketSeconds;
        int merge = Math.max(1, (series.buckets + MAX_POINTS - 1) / MAX_POINTS);
        Map<GpuTypeId, double[]> utilisation = new LinkedHashMap<>();
        for (int t = 0; t < work.typeCount(); t++) {
            utilisation.put(
                    work.types.get(t).id(), average(series.typeBusy[t], series, width, merge, averageCapacity(t)));
        }
        Map<CategoryId, double[]> busy = new LinkedHashMap<>();
        Map<CategoryId, double[]> pending = new LinkedHashMap<>();
        for (int c = 0; c < work.categories.size(); c++) {
            busy.put(work.categories.get(c), average(series.categoryBusy[c], series, width, merge, 1));
            pending.put(work.categories.get(c), average(series.categoryPending[c], series, width, merge, 1));
        }
        return new TimeSeries(width * merge, utilisation, busy, pending);
    }

    /** Per merged bucket: integral / (bucket length x divisor). */
    private static double[] average(double[] integral, Series series, double width, int merge, double divisor) {
        int points = (series.buckets + merge - 1) / merge;
        double[] result = new double[points];
        for (int i = 0; i < points; i++) {
            double sum = 0;
            for (int b = i * merge; b < Math.min(series.buckets, (i + 1) * merge); b++) {
                sum += integral[b];
            }
            double start = i * merge * width;
            double length = Math.min(series.end, (i + 1) * merge * width) - start;
            result[i] = length > 0 && divisor > 0 ? sum / (length * divisor) : 0;
        }
        return result;
    }

    private static double ratio(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : Double.NaN;
    }
}
