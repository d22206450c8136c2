package dev.allot.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs the CLI in a separate JVM with this build's classes, as the launcher would. */
final class ChildJvm {
    private ChildJvm() {}

    static List<String> allot(List<String> args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(args);
        return command;
    }
}
