package dev.allot.sim.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.allot.core.AllotException;
import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measured training throughput (steps per second) per GPU type, job type and GPU count, from Gavel's
 * {@code simulation_throughputs.json} (Narayanan et al., "Heterogeneity-Aware Cluster Scheduling Policies for Deep
 * Learning Workloads", OSDI 2020). Only the isolated throughput (key {@code null}) is kept; co-location pairs and the
 * {@code *_unconsolidated} types are ignored.
 *
 * <p>Counts that were not measured (or measured as zero) are derived from the nearest measured count of the same job
 * type and GPU type, scaled linearly with the GPU count (ideal data-parallel scaling): the nearest count below, or
 * else the nearest above.
 */
public final class GavelThroughputs {
    private static final Pattern KEY = Pattern.compile("^\\('(.*)', (\\d+)\\)$");

    /** type -> job type -> gpus -> steps per second. */
    private final Map<String, Map<String, TreeMap<Integer, Double>>> byType;

    private final Map<String, Double> typeSpeeds;

    private GavelThroughputs(Map<String, Map<String, TreeMap<Integer, Double>>> byType) {
        this.byType = byType;
        this.typeSpeeds = relativeSpeeds(byType);
    }

    /** Parses the JSON; the caller opens and closes the reader. */
    public static GavelThroughputs read(Reader json, String sourceName) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw AllotException.invalid(
                    "trace.throughputs",
                    "Throughputs file " + sourceName
                            + " is not valid JSON: " + e.getOriginalMessage()
                            + ". Maybe pass Gavel's simulation_throughputs.json?");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, Map<String, TreeMap<Integer, Double>>> byType = new TreeMap<>();
        root.properties().forEach(typeEntry -> {
            if (typeEntry.getKey().contains("_")) {
                return;
            }
            Map<String, TreeMap<Integer, Double>> jobs = new HashMap<>();
            typeEntry.getValue().properties().forEach(jobEntry -> {
                Matcher key = KEY.matcher(jobEntry.getKey());
                JsonNode alone = jobEntry.getValue().get("null");
                if (key.matches() && alone != null && alone.isNumber() && alone.doubleValue() > 0) {
                    jobs.computeIfAbsent(key.group(1), k -> new TreeMap<>())
                            .put(Integer.parseInt(key.group(2)), alone.doubleValue());
                }
            });
            if (!jobs.isEmpty()) {
                byType.put(typeEntry.getKey(), jobs);
            }
        });
        if (byType.isEmpty()) {
            throw AllotException.invalid(
                    "trace.throughputs",
                    "Throughputs file " + sourceName
                            + " holds no GPU type with measured throughputs. Maybe pass Gavel's simulation_throughputs.json?");
        }
        return new GavelThroughputs(byType);
    }

    /** GPU types of the measurements, e.g. k80, p100, v100. */
    public java.util.Set<String> gpuTypes() {
        return byType.keySet();
    }

    /** Each type's typical speed relative to the fastest type: geometric mean over single-GPU job types. */
    public Map<String, Double> typeSpeeds() {
        return typeSpeeds;
    }

    /**
     * Steps per second of {@code jobType} on {@code gpus} GPUs of {@code gpuType}, or {@code NaN} when the job type
     * was never measured on that GPU type.
     */
    public double stepsPerSecond(String gpuType, String jobType, int gpus) {
        TreeMap<Integer, Double> counts = byType.getOrDefault(gpuType, Map.of()).get(jobType);
        if (counts == null || counts.isEmpty()) {
            return Double.NaN;
        }
        Map.Entry<Integer, Double> nearest = counts.floorEntry(gpus);
        if (nearest == null) {
            nearest = counts.ceilingEntry(gpus);
        }
        return nearest.getValue() * gpus / nearest.getKey();
    }

    private static Map<String, Double> relativeSpeeds(Map<String, Map<String, TreeMap<Integer, Double>>> byType) {
        TreeSet<String> jobTypes = new TreeSet<>();
        byType.values().forEach(jobs -> jobTypes.addAll(jobs.keySet()));
        Map<String, Double> logSums = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (String jobType : jobTypes) {
            double best = 0;
            for (var jobs : byType.values()) {
                TreeMap<Integer, Double> single = jobs.get(jobType);
                best = Math.max(best, single == null ? 0 : single.getOrDefault(1, 0.0));
            }
            for (var entry : byType.entrySet()) {
                TreeMap<Integer, Double> single = entry.getValue().get(jobType);
                double value = single == null ? 0 : single.getOrDefault(1, 0.0);
                if (best > 0 && value > 0) {
                    logSums.merge(entry.getKey(), Math.log(value / best), Double::sum);
                    counts.merge(entry.getKey(), 1, Integer::sum);
                }
            }
        }
        Map<String, Double> speeds = new TreeMap<>();
        logSums.forEach((type, sum) -> speeds.put(type, Math.exp(sum / counts.get(type))));
        double fastest =
                speeds.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        speeds.replaceAll((type, speed) -> speed / fastest);
        byType.keySet().forEach(type -> speeds.putIfAbsent(type, 1.0));
        return java.util.Collections.unmodifiableMap(speeds);
    }
}
