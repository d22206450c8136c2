package dev.allot.app.simulate;

import dev.allot.core.AllotException;
import dev.allot.sim.trace.CsvTraceReader;
import dev.allot.sim.trace.GavelThroughputs;
import dev.allot.sim.trace.GavelTraceReader;
import dev.allot.sim.trace.Trace;
import dev.allot.sim.trace.TraceSource;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Opens a trace from the file system: a folder of Gavel {@code *.trace} files (with the throughputs JSON found next
 * to them or one level up, unless given) or a neutral CSV file.
 */
final class TraceFiles {
    static final String THROUGHPUTS = "simulation_throughputs.json";

    private TraceFiles() {}

    /** {@code columns}: canonical CSV column to the trace's header name (ignored for Gavel folders). */
    static Trace read(Path path, Path throughputs, java.util.Map<String, String> columns) {
        if (!Files.exists(path)) {
            throw SimulateCommand.flag(
                    "--trace",
                    path,
                    "does not exist (relative to " + Path.of("").toAbsolutePath() + ")",
                    "Maybe ../shared/data/gavel-philly/seed=0 or a .csv file?");
        }
        try {
            return Files.isDirectory(path) ? gavel(path, throughputs) : csv(path, columns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Trace csv(Path file, java.util.Map<String, String> columns) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new CsvTraceReader(columns)
                    .read(new TraceSource(file.getFileName().toString(), reader));
        }
    }

    private static Trace gavel(Path folder, Path throughputsFile) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(file -> file.getFileName().toString().endsWith(".trace"))
                    .sorted()
                    .toList();
        }
        if (files.isEmpty()) {
            throw SimulateCommand.flag(
                    "--trace",
                    folder,
                    "is a folder without *.trace files",
                    "Maybe point at a seed folder such as gavel-philly/seed=0, or at a .csv file?");
        }
        Path json = throughputsFile != null ? throughputsFile : findThroughputs(folder);
        GavelThroughputs throughputs;
        try (Reader reader = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
            throughputs = GavelThroughputs.read(reader, json.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw SimulateCommand.flag("--throughputs", json, "does not exist", "Maybe check the path?");
        }
        List<Reader> readers = new ArrayList<>();
        try {
            List<TraceSource> sources = new ArrayList<>();
            for (Path file : files) {
                Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                readers.add(reader);
                sources.add(new TraceSource(file.getFileName().toString(), reader));
            }
            return new GavelTraceReader(throughputs).read(folder.toString(), sources);
        } finally {
            for (Reader reader : readers) {
                reader.close();
            }
        }
    }

    private static Path findThroughputs(Path folder) {
        for (Path candidate : List.of(
                folder.resolve(THROUGHPUTS), folder.toAbsolutePath().getParent().resolve(THROUGHPUTS))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw AllotException.invalid(
                "BAD_FLAG",
                "Flag --trace " + folder + " is a Gavel trace folder, but no " + THROUGHPUTS
                        + " was found in it or its parent. Maybe pass --throughputs FILE?");
    }
}
