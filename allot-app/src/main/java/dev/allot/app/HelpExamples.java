package dev.allot.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * One example per command, shown at the end of its {@code --help}. The examples live in one file,
 * {@code help-examples.properties}, keyed by the command's name below {@code allot} ({@code slurm apply}); a test
 * parses every example with the real command line, so an example cannot name a flag the command lost.
 */
final class HelpExamples {
    static final String RESOURCE = "help-examples.properties";

    private HelpExamples() {}

    /** The examples, keyed by command path ("slurm apply"); values are whole command lines starting with allot. */
    static Properties load() {
        Properties examples = new Properties();
        try (InputStream in = HelpExamples.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            examples.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples;
    }

    /** The key of a command: its qualified name without the leading "allot" ("" for allot itself). */
    static String key(CommandLine command) {
        String qualified = command.getCommandSpec().qualifiedName(" ");
        return qualified.equals("allot") ? "" : qualified.substring("allot ".length());
    }

    /** Puts each command's example in the footer of its help. */
    static void install(CommandLine root) {
        Properties examples = load();
        install(root, examples);
    }

    private static void install(CommandLine command, Properties examples) {
        String example = examples.getProperty(key(command).isEmpty() ? "allot" : key(command));
        if (example != null) {
            command.getCommandSpec()
                    .usageMessage()
                    .footerHeading("%nExample:%n")
                    .footer("  " + example);
        }
        command.getSubcommands().values().forEach(sub -> install(sub, examples));
    }
}
