package dev.allot.app;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.Lab;
import dev.allot.lab.LabFile;
import dev.allot.lab.LabYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** How a command reads a lab file: {@code --max-file-mb}, the largest file it accepts. */
public final class LabFileOptions {
    @Option(
            names = "--max-file-mb",
            paramLabel = "MB",
            defaultValue = "" + LabYaml.DEFAULT_MAX_FILE_MB,
            description = "Largest lab file to read, in MiB, at most " + LabYaml.MAX_FILE_MB_LIMIT
                    + " (default: ${DEFAULT-VALUE}; a 30,000-project lab is about 20 MiB).")
    int maxFileMb = LabYaml.DEFAULT_MAX_FILE_MB;

    /** Reads and checks a lab file; a file over the limit is refused before it is read into memory. */
    public Lab read(Path file) {
        return readFile(file).lab();
    }

    /** Reads and checks a lab file with its {@code evidence:} section, as {@link #read} does. */
    public LabFile readFile(Path file) {
        if (maxFileMb < 1 || maxFileMb > LabYaml.MAX_FILE_MB_LIMIT) {
            throw AllotException.invalid(
                    "BAD_FLAG",
                    "Flag --max-file-mb must be between 1 and " + LabYaml.MAX_FILE_MB_LIMIT + " (value: " + maxFileMb
                            + ").");
        }
        long size = sizeOf(file);
        if (size > (long) maxFileMb * 1024 * 1024) {
            throw new AllotException(
                    AllotException.Kind.INVALID_INPUT,
                    LabYaml.INVALID,
                    file + ": 1 problem",
                    List.of(new Problem("(file)", "", LabYaml.tooLarge(size, maxFileMb), "")),
                    null);
        }
        return LabYaml.readFile(Cli.read(file, "Lab file"), file.toString(), maxFileMb);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // Cli.read reports a missing or unreadable file in its own words
        }
    }
}
