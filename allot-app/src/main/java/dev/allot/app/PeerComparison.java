package dev.allot.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.allot.core.AllotException;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.model.ProjectPlan;
import dev.allot.lab.LabYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs an independent peer on the same lab as {@code allot bench} and prints the two side by side: the Gavel
 * weighted max-min LP (Narayanan et al., OSDI 2020; a Python script using cvxpy, see the script's header for its
 * set-up). Gavel knows no floors, whole nodes or policy, so it is a lower bound on a peer's solve time; its
 * fractional allocation is also valued on Allot's objective, for a quality comparison.
 */
final class PeerComparison {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the peer measured: its solve seconds, peak memory and its allocation's value on Allot's value curves. */
    record PeerRun(String status, double solveSeconds, double peakRssMib, double allotValue) {}

    private PeerComparison() {}

    static void checkScript(Path script) {
        if (!Files.isRegularFile(script)) {
            throw AllotException.invalid(
                    "BAD_FLAG",
                    "Flag --peer-script names no file (value: " + script.toAbsolutePath()
                            + "). Maybe point it at peer_gavel.py of the benchmark tools?");
        }
    }

    static PeerRun runGavel(Lab lab, String python, Path script, int timeoutSeconds) {
        checkScript(script);
        try {
            Path folder = Files.createTempDirectory("allot-bench");
            Path labFile = folder.resolve("lab.yaml");
            Path out = folder.resolve("gavel.json");
            Files.writeString(labFile, LabYaml.write(lab), StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(
                            python, script.toString(), "--lab", labFile.toString(), "--out", out.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("peer.log").toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw peerFailed("did not finish within " + timeoutSeconds + " s", folder);
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(out)) {
                throw peerFailed("exited with " + process.exitValue(), folder);
            }
            JsonNode result = JSON.readTree(out.toFile());
            return new PeerRun(
                    result.path("status").asText(),
                    result.path("seconds").asDouble(),
                    result.path("peak_rss_mib").asDouble(),
                    result.path("allot_value_of_allocation").asDouble());
        } catch (IOException e) {
            throw new AllotException(
                    AllotException.Kind.UNAVAILABLE,
                    "PEER_FAILED",
                    "The peer could not be run with " + python + ": " + e.getMessage()
                            + ". Maybe set --python to a Python with cvxpy (see the script's header)?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AllotException(AllotException.Kind.UNAVAILABLE, "PEER_FAILED", "Interrupted while the peer ran.");
        }
    }

    private static AllotException peerFailed(String what, Path folder) {
        String log;
        try {
            List<String> lines = Files.readAllLines(folder.resolve("peer.log"));
            log = lines.isEmpty() ? "" : " Its last line: " + lines.get(lines.size() - 1);
        } catch (IOException e) {
            log = "";
        }
        return new AllotException(
                AllotException.Kind.UNAVAILABLE,
                "PEER_FAILED",
                "The peer " + what + "." + log
                        + " Maybe set --python to a Python with cvxpy (see the script's header)?");
    }

    /** The value terms of Allot's plan (priority x value curve), comparable to the peer's allocation valued alike. */
    static double valueOf(Plan plan) {
        return plan.projects().stream().mapToDouble(ProjectPlan::value).sum();
    }

    static void print(double allotSeconds, Plan plan, String allotRss, PeerRun peer) {
        double allotValue = valueOf(plan);
        System.out.printf(
                Locale.ROOT,
                "side by side (solve only, same lab, same machine):%n"
                        + "  allot  %8.3f s  gap %.3f %%  value %.1f  peak RSS %s%n"
                        + "  gavel  %8.3f s  (%s, LP without floors, whole nodes or policy)  value of its"
                        + " allocation on Allot's objective %.1f  peak RSS %.0f MiB%n"
                        + "  ratio allot/gavel time %.1f; gavel's allocation is worth %.1f %% %s than Allot's plan%n",
                allotSeconds,
                plan.solve().gap() * 100,
                allotValue,
                allotRss,
                peer.solveSeconds(),
                peer.status(),
                peer.allotValue(),
                peer.peakRssMib(),
                allotSeconds / Math.max(1e-6, peer.solveSeconds()),
                allotValue <= 0 ? 0 : Math.abs(allotValue - peer.allotValue()) / allotValue * 100,
                peer.allotValue() <= allotValue ? "less" : "more");
    }
}
