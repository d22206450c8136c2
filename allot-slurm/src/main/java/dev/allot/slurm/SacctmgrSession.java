package dev.allot.slurm;

import dev.allot.core.AllotException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One {@code sacctmgr -i -n -P} process kept open for the reads and the writes of an apply, which saves starting a
 * second process (about 0.1-0.2 s). sacctmgr reading commands from a pipe prints its prompt {@code sacctmgr: }, echoes
 * each command after it and flushes its output when it prompts again, so a batch of commands ends where the prompt
 * follows the echo and answer of a {@value #MARKER} command sent after them ({@code version} is answered locally,
 * without asking slurmdbd). A sacctmgr that does not answer so (built without readline, or buffering its output until
 * it exits) fails the {@link #open handshake}, and the caller runs its commands as separate processes instead.
 */
final class SacctmgrSession implements AutoCloseable {
    static final String MARKER = "version";
    private static final String PROMPT = "sacctmgr: ";
    /**
     * How long {@link #open} waits for the answer to {@value #MARKER}, which needs no daemon (0.05-0.13 s measured):
     * short, since a sacctmgr that cannot hold a session costs it on every apply, and the session saves only 0.1-0.2 s.
     */
    static final Duration HANDSHAKE = Duration.ofSeconds(1);

    private final List<String> command;
    private final Process process;
    private final OutputStream stdin;
    private final InputStream stderr;
    private final Duration timeout;
    private final StringBuilder stdout = new StringBuilder();
    private final Thread reader;
    private boolean ended;
    /** What sacctmgr wrote to stderr during the last batch that had no answer. */
    private String error = "";
    /** Where the next batch's output starts in {@link #stdout}. */
    private int consumed;

    private SacctmgrSession(List<String> command, Process process, Duration timeout) {
        this.command = List.copyOf(command);
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stderr = process.getErrorStream();
        this.timeout = timeout;
        this.reader = Thread.ofVirtual().start(this::readStdout);
    }

    /**
     * Starts {@code command} and checks it answers {@value #MARKER} as a session should within {@code handshake};
     * empty (the process stopped) when it does not.
     */
    static Optional<SacctmgrSession> open(
            List<String> command, Map<String, String> environment, Duration timeout, Duration handshake) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SLURM_TIME_FORMAT", "standard");
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return Optional.empty();
        }
        SacctmgrSession session = new SacctmgrSession(command, process, timeout);
        try {
            if (session.batch(List.of(), handshake).isPresent()) {
                return Optional.of(session);
            }
        } catch (AllotException timedOut) {
            // not a session sacctmgr: the caller falls back
        }
        session.kill();
        session.close();
        return Optional.empty();
    }

    /**
     * Runs {@code commands} and returns their output as a whole session prints it ({@code sacctmgr: <command>} before
     * each answer, {@link SessionOutput}); empty when sacctmgr wrote to stderr (a command failed) or ended, so that the
     * caller can run them again the old way. Throws when the answer does not come within the timeout.
     */
    Optional<String> ask(List<String> commands) {
        return batch(commands, timeout);
    }

    private Optional<String> batch(List<String> commands, Duration wait) {
        List<String> lines = new ArrayList<>(commands);
        lines.add(MARKER);
        if (!write(lines)) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (stdout) {
            int end;
            while ((end = answerEnd()) < 0) {
                long left = deadline - System.nanoTime();
                if (ended) {
                    error = drainedStderr();
                    return Optional.empty();
                }
                if (left <= 0) {
                    kill();
                    throw SlurmCli.timedOut(command, wait);
                }
                try {
                    stdout.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    kill();
                    return Optional.empty();
                }
            }
            String text = stdout.substring(consumed, end);
            consumed = stdout.length() - PROMPT.length();
            // stderr is written before the prompt that flushes stdout, so what a command printed there is readable now
            error = drainedStderr();
            return error.isEmpty() ? Optional.of(text) : Optional.empty();
        }
    }

    /**
     * Where the pending batch's answer ends: at the echo of its {@value #MARKER}, once that has been answered (one
     * line) and sacctmgr prompts again; -1 while it has not.
     */
    private int answerEnd() {
        int length = stdout.length();
        if (length - consumed < PROMPT.length()
                || !stdout.substring(length - PROMPT.length()).equals(PROMPT)) {
            return -1;
        }
        int prompt = stdout.length() - PROMPT.length();
        int answer = stdout.lastIndexOf("\n", prompt - 2);
        String echo = PROMPT + MARKER + "\n";
        int start = answer - echo.length() + 1;
        boolean marked = start >= consumed
                && stdout.indexOf(echo, start) == start
                && (start == consumed || stdout.charAt(start - 1) == '\n');
        return marked ? start : -1;
    }

    /**
     * Runs {@code commands}, ends the input and waits for sacctmgr to exit, like {@link SlurmCli#session}: the result
     * holds what these commands printed and sacctmgr's exit code.
     */
    SlurmCli.Result finish(List<String> commands) {
        write(commands);
        try {
            stdin.close();
        } catch (IOException e) {
            // sacctmgr has gone: its exit code tells
        }
        ByteArrayOutputStream errorBytes = new ByteArrayOutputStream();
        Thread errors = Thread.ofVirtual().start(() -> {
            try {
                stderr.transferTo(errorBytes);
            } catch (IOException e) {
                // the process ended
            }
        });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw SlurmCli.timedOut(command, timeout);
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
            errors.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw SlurmCli.interrupted(command, e);
        }
        synchronized (stdout) {
            return new SlurmCli.Result(
                    command,
                    process.exitValue(),
                    stdout.substring(consumed),
                    errorBytes.toString(StandardCharsets.UTF_8));
        }
    }

    /** What sacctmgr wrote to stderr during the last batch {@link #ask} had no answer for; empty if nothing. */
    String error() {
        return error;
    }

    List<String> command() {
        return command;
    }

    /** Ends the input and lets sacctmgr exit (it has nothing uncommitted between batches); stops it if it lingers. */
    @Override
    public void close() {
        try {
            stdin.close();
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            // already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
    }

    /** Stops sacctmgr at once; what it had not committed is rolled back. */
    private void kill() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private boolean write(List<String> lines) {
        try {
            stdin.write((String.join("\n", lines) + (lines.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            return true;
        } catch (IOException e) {
            return false; // sacctmgr has exited
        }
    }

    private String drainedStderr() {
        try {
            int available = stderr.available();
            return available > 0 ? new String(stderr.readNBytes(available), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "closed";
        }
    }

    private void readStdout() {
        char[] buffer = new char[65536];
        try (Reader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                synchronized (stdout) {
                    stdout.append(buffer, 0, read);
                    stdout.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process was stopped
        } finally {
            synchronized (stdout) {
                ended = true;
                stdout.notifyAll();
            }
        }
    }
}
