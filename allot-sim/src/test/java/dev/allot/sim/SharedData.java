package dev.allot.sim;

import dev.allot.sim.trace.GavelThroughputs;
import dev.allot.sim.trace.GavelTraceReader;
import dev.allot.sim.trace.Trace;
import dev.allot.sim.trace.TraceSource;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The public data set beside the repository ({@code ../shared/data} from the repository root), when present. */
public final class SharedData {
    private SharedData() {}

    /**
     * The Gavel/Philly folder: {@code ../shared/data/gavel-philly} seen from the repository root or, for checkouts kept
     * one folder deeper, from any folder above the working directory.
     */
    public static Optional<Path> gavelPhilly() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            {
                Path data = dir.resolve("..")
                        .resolve("shared")
                        .resolve("data")
                        .resolve("gavel-philly")
                        .normalize();
                if (Files.isDirectory(data)) {
                    return Optional.of(data);
                }
            }
        }
        return Optional.empty();
    }

    /** Reads one seed folder of the Gavel/Philly trace with its throughputs. */
    public static Trace readGavel(Path folder, String seed) throws IOException {
        GavelThroughputs throughputs;
        try (Reader json = Files.newBufferedReader(folder.resolve("simulation_throughputs.json"))) {
            throughputs = GavelThroughputs.read(json, "simulation_throughputs.json");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder.resolve(seed))) {
            files = list.filter(file -> file.toString().endsWith(".trace"))
                    .sorted()
                    .toList();
        }
        List<Reader> readers = new ArrayList<>();
        try {
            List<TraceSource> sources = new ArrayList<>();
            for (Path file : files) {
                Reader reader = Files.newBufferedReader(file);
                readers.add(reader);
                sources.add(new TraceSource(file.getFileName().toString(), reader));
            }
            return new GavelTraceReader(throughputs).read("gavel-philly/" + seed, sources);
        } finally {
            for (Reader reader : readers) {
                reader.close();
            }
        }
    }

    /**
     * A lab shaped for the Philly trace: its 15 teams as 15 projects over three GPU generations, 8 GPUs per node.
     */
    public static TestLab phillyLab() {
        TestLab lab = TestLab.lab()
                .type("H100", 1.0)
                .type("A100", 0.6)
                .type("V100", 0.25)
                .pool("H100", 128, 8)
                .pool("A100", 128, 8)
                .pool("V100", 128, 8);
        String[] grants = {
            "H100:24 A100:16 V100:8",
            "H100:16 A100:16 V100:16",
            "H100:16 A100:8 V100:16",
            "A100:24 V100:8",
            "H100:8 A100:8 V100:8",
            "H100:8 A100:8",
            "H100:8 V100:8",
            "A100:8 V100:8",
            "H100:8",
            "A100:8",
            "V100:8",
            "H100:8",
            "A100:8",
            "V100:16",
            "H100:8 A100:8 V100:8"
        };
        for (int i = 0; i < grants.length; i++) {
            lab.project("team-" + i, i % 3 == 2 ? "product" : "exploratory", grants[i]);
        }
        return lab;
    }
}
