package dev.allot.app;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Shared CLI plumbing: exit codes, turning {@link AllotException}s into one-line messages (stack traces only with
 * {@code --verbose}), and file access with messages that name the file.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int INVALID_INPUT = 2;
    public static final int INFEASIBLE = 3;
    public static final int NOT_FOUND = 4;
    public static final int CONFLICT = 5;
    public static final int FORBIDDEN = 6;
    public static final int UNAVAILABLE = 7;
    public static final int INTERNAL = 70;

    private Cli() {}

    public static int exitCode(AllotException.Kind kind) {
        return switch (kind) {
            case INVALID_INPUT -> INVALID_INPUT;
            case INFEASIBLE -> INFEASIBLE;
            case NOT_FOUND -> NOT_FOUND;
            case CONFLICT -> CONFLICT;
            case FORBIDDEN -> FORBIDDEN;
            case UNAVAILABLE -> UNAVAILABLE;
            case INTERNAL -> INTERNAL;
        };
    }

    /** Reads a text file, or fails with a message naming it. */
    public static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw notText(file.toString(), what);
        } catch (NoSuchFileException e) {
            throw new AllotException(
                    AllotException.Kind.NOT_FOUND,
                    "FILE_NOT_FOUND",
                    what + " " + file + " does not exist. Maybe check the path (relative to "
                            + Path.of("").toAbsolutePath() + ")?");
        } catch (IOException e) {
            throw new AllotException(
                    AllotException.Kind.INVALID_INPUT,
                    "FILE_UNREADABLE",
                    what + " " + file + " cannot be read: " + e.getMessage());
        }
    }

    private static AllotException notText(String file, String what) {
        return AllotException.invalid(
                "FILE_NOT_TEXT",
                what + " " + file + " is not UTF-8 text. Maybe it is a binary"
                        + " or compressed file, or saved in another encoding?");
    }

    /** Writes a text file (creating parent folders), or fails with a message naming it. */
    public static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AllotException(
                    AllotException.Kind.INVALID_INPUT,
                    "FILE_UNWRITABLE",
                    "Cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Installs the handlers that turn failures into messages and exit codes. */
    static CommandLine configure(CommandLine commandLine) {
        HelpExamples.install(commandLine);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            boolean verbose = parseResult.originalArgs().contains("--verbose");
            if (exception instanceof AllotException allot) {
                err.println("allot: " + allot.getMessage());
                for (Problem problem : allot.problems()) {
                    err.println("  - " + problem.describe());
                }
                if (verbose) {
                    allot.printStackTrace(err);
                }
                err.flush();
                return exitCode(allot.kind());
            }
            Throwable cause =
                    exception instanceof java.io.UncheckedIOException unchecked ? unchecked.getCause() : exception;
            if (cause instanceof java.nio.charset.CharacterCodingException) {
                err.println("allot: an input file is not UTF-8 text. Maybe it is a binary or compressed file, or saved"
                        + " in another encoding?");
                err.flush();
                return INVALID_INPUT;
            }
            if (cause instanceof IOException io) {
                err.println("allot: cannot read or write a file: " + io.getMessage());
                err.flush();
                return INVALID_INPUT;
            }
            err.println("allot: internal error: " + exception + (verbose ? "" : " (run with --verbose for details)"));
            if (verbose) {
                exception.printStackTrace(err);
            }
            err.flush();
            return INTERNAL;
        });
        commandLine.setParameterExceptionHandler((exception, args) -> {
            PrintWriter err = exception.getCommandLine().getErr();
            err.println("allot: " + exception.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
            err.println("Run '" + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return INVALID_INPUT;
        });
        return commandLine;
    }
}
