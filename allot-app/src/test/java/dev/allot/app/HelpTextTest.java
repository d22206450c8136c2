package dev.allot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** Every command's help is complete sentences and shows one example that the command line accepts. */
class HelpTextTest {
    /** A sentence ends with one of these (a closing parenthesis or quote after the full stop counts). */
    private static final Pattern SENTENCE_END = Pattern.compile(".*[.?!:][)\"']?$|.*\\)$");

    private static List<CommandLine> commands() {
        List<CommandLine> all = new ArrayList<>();
        collect(Cli.configure(new CommandLine(new Main())), all);
        return all;
    }

    private static void collect(CommandLine command, List<CommandLine> all) {
        if (command.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
            return;
        }
        all.add(command);
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, all));
    }

    @Test
    void everyCommandHasAnExampleThatParses() {
        Properties examples = HelpExamples.load();
        List<String> problems = new ArrayList<>();
        for (CommandLine command : commands()) {
            String key = HelpExamples.key(command).isEmpty() ? "allot" : HelpExamples.key(command);
            String example = examples.getProperty(key);
            String name = command.getCommandSpec().qualifiedName(" ");
            if (example == null) {
                problems.add(name + ": no example in " + HelpExamples.RESOURCE);
                continue;
            }
            if (!(example + " ").startsWith(name + " ")) {
                problems.add(name + ": example does not start with '" + name + "': " + example);
                continue;
            }
            if (example.length() > 76) {
                problems.add(name + ": example longer than a help line (76 characters), so it would wrap: " + example);
            }
            List<String> words = words(example);
            String[] args = words.subList(1, words.size()).toArray(String[]::new);
            try {
                new CommandLine(new Main()).parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                problems.add(name + ": example '" + example + "' does not parse: " + e.getMessage());
            }
            assertThat(command.getUsageMessage()).as(name + " help").contains("Example:", example);
        }
        List<String> keys = commands().stream()
                .map(c -> HelpExamples.key(c).isEmpty() ? "allot" : HelpExamples.key(c))
                .toList();
        examples.stringPropertyNames().stream()
                .filter(key -> !keys.contains(key))
                .forEach(key -> problems.add(key + ": example for a command that does not exist"));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyHelpRendersWithoutWarnings() {
        // picocli formats descriptions with String.format and warns on stderr where a bare '%' breaks that
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        List<String> names = new ArrayList<>();
        try {
            System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            for (CommandLine command : commands()) {
                command.getUsageMessage();
                if (captured.size() > 0) {
                    names.add(command.getCommandSpec().qualifiedName(" ") + ": "
                            + captured.toString(java.nio.charset.StandardCharsets.UTF_8)
                                    .lines()
                                    .findFirst()
                                    .orElse(""));
                    captured.reset();
                }
            }
        } finally {
            System.setErr(err);
        }
        assertThat(names).isEmpty();
    }

    /** The words of a command line as a shell splits them (double quotes group words). */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        java.util.regex.Matcher matcher = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line);
        while (matcher.find()) {
            words.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        return words;
    }

    @Test
    void descriptionsAreCompleteSentences() {
        List<String> problems = new ArrayList<>();
        for (CommandLine command : commands()) {
            String name = command.getCommandSpec().qualifiedName(" ");
            String[] description = command.getCommandSpec().usageMessage().description();
            if (description.length == 0) {
                problems.add(name + ": no description");
            }
            for (String line : description) {
                check(name, line, problems);
            }
            for (OptionSpec option : command.getCommandSpec().options()) {
                for (String line : option.description()) {
                    check(name + " " + option.longestName(), line, problems);
                }
            }
            for (PositionalParamSpec parameter : command.getCommandSpec().positionalParameters()) {
                for (String line : parameter.description()) {
                    check(name + " " + parameter.paramLabel(), line, problems);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static void check(String where, String line, List<String> problems) {
        String text = line.strip();
        if (text.isEmpty()) {
            problems.add(where + ": empty description line");
        } else if (!SENTENCE_END.matcher(text).matches()) {
            problems.add(where + ": not a complete sentence: " + text);
        } else if (!Character.isUpperCase(text.codePointAt(0)) && !text.startsWith("--")) {
            problems.add(where + ": does not start with a capital: " + text);
        }
    }
}
