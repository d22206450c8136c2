package dev.allot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console walkthrough of docs/operations.md, run line by line as an operator would: each line in its own process,
 * in a fresh folder, with the embedded store the commands open by default. A line that stops working (a flag renamed,
 * a step missing such as an approval) fails here with the line and what the command said.
 */
class OperationsWalkthroughTest {
    private static final String HEADING = "## The lab and the cycle from the console";

    @TempDir
    Path folder;

    @Test
    void everyLineOfTheConsoleWalkthroughSucceedsInAFreshFolder() throws Exception {
        List<String> lines = walkthrough();
        assertThat(lines).as("command lines under '" + HEADING + "'").hasSizeGreaterThan(5);
        for (String line : lines) {
            Run run = run(line);
            assertThat(run.exit())
                    .as("`%s` exited %d; it said:%n%s%s", line, run.exit(), run.out(), run.err())
                    .isZero();
        }
        String published = run("./allot cycle list").out();
        assertThat(published).containsPattern("2027-01\\s+\\S+\\s+published\\s+1 published version");
        assertThat(folder.resolve("lab-2027-01.yaml")).isNotEmptyFile();
    }

    /** The command lines of the first code block under the heading, without their trailing comments. */
    static List<String> walkthrough() throws IOException {
        String text = Files.readString(DocsExamplesTest.docs().resolve("operations.md"));
        int at = text.indexOf(HEADING);
        assertThat(at).as("'" + HEADING + "' in docs/operations.md").isNotNegative();
        Matcher block = Pattern.compile("```\\n(.*?)```", Pattern.DOTALL).matcher(text);
        assertThat(block.find(at)).as("a code block under '" + HEADING + "'").isTrue();
        List<String> lines = new ArrayList<>();
        for (String line : block.group(1).split("\n")) {
            String command = withoutComment(line).strip();
            if (!command.isEmpty()) {
                assertThat(command).as("a walkthrough line").startsWith("./allot ");
                lines.add(command);
            }
        }
        return lines;
    }

    /** The line up to an unquoted '#'. */
    private static String withoutComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private record Run(int exit, String out, String err) {}

    /** Runs one line ('./allot ARGS [> FILE]') with this build's classes, in the walkthrough's folder. */
    private Run run(String line) throws IOException, InterruptedException {
        List<String> words = words(line);
        Path redirect = null;
        int arrow = words.indexOf(">");
        if (arrow >= 0) {
            redirect = folder.resolve(words.get(arrow + 1));
            words = words.subList(0, arrow);
        }
        List<String> command = ChildJvm.allot(words.subList(1, words.size()));
        Path errors = Files.createTempFile(folder.getParent(), "walkthrough", ".err");
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(folder.toFile()).redirectError(errors.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("ALLOT_"));
        Process process = builder.start();
        try {
            byte[] out = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(300, TimeUnit.SECONDS)).as(line).isTrue();
            String err = Files.readString(errors, StandardCharsets.UTF_8);
            if (redirect != null) {
                Files.write(redirect, out);
            }
            return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), err);
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(errors);
        }
    }

    /** The words of a command line as a shell splits them (double quotes group words and are dropped). */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        Matcher matcher = Pattern.compile("(?:\"[^\"]*\"|\\S)+").matcher(line);
        while (matcher.find()) {
            words.add(matcher.group().replace("\"", ""));
        }
        return words;
    }
}
