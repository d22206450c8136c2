package dev.allot.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./allot} launcher's JDK detection, run as a script against stub JDKs whose {@code java} only reports a
 * version: which JDK it picks, which options it passes, and the one-line message on a machine without JDK 21.
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("..", "allot").toAbsolutePath().normalize();
    private static final String UNSAFE_FLAG = "--sun-misc-unsafe-memory-access=allow";

    @TempDir
    Path folder;

    private Path tools;
    private Path jvmRoot;

    record Run(int exitCode, String out, String err) {}

    @BeforeEach
    void hermeticPath() throws IOException {
        // Only the tools the launcher needs, so no java installed on this machine leaks into the test.
        tools = Files.createDirectories(folder.resolve("tools"));
        for (String tool : List.of("sed", "cut", "readlink", "dirname", "find", "cat")) {
            for (String dir : List.of("/usr/bin", "/bin")) {
                Path real = Path.of(dir, tool);
                if (Files.isExecutable(real)) {
                    executable(tools.resolve(tool), "#!/bin/sh\nexec " + real + " \"$@\"\n");
                    break;
                }
            }
        }
        jvmRoot = Files.createDirectories(folder.resolve("jvm"));
    }

    @Test
    void aMachineWithOnlyJdk17GetsOneLineSayingWhatToInstall() throws Exception {
        Path jdk17 = stubJdk(jvmRoot.resolve("java-17-openjdk-amd64"), "17");

        Run run = launch(Map.of("JAVA_HOME", jdk17.toString()), jdk17.resolve("bin"), "--version");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err())
                .contains("needs a JDK 21 or newer")
                .contains("found only JDK 17 (" + jdk17 + ")")
                .contains("openjdk-21-jdk")
                .contains("JAVA_HOME");
    }

    @Test
    void aMachineWithoutAnyJdkIsToldSoInOneLine() throws Exception {
        Run run = launch(Map.of(), null, "--version");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("found no JDK").contains("install JDK 21+");
    }

    @Test
    void jdk21GetsNoOptionItWouldRefuse() throws Exception {
        Path jdk21 = stubJdk(folder.resolve("jdk-21"), "21");

        Run run = launch(Map.of("JAVA_HOME", jdk21.toString()), null, "--print-java-options");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("--enable-native-access=ALL-UNNAMED");
    }

    @Test
    void jdk22GetsNoUnsafeOptionEither() throws Exception {
        Path jdk22 = stubJdk(folder.resolve("jdk-22"), "22");

        Run run = launch(Map.of("JAVA_HOME", jdk22.toString()), null, "--print-java-options");

        assertThat(run.out()).doesNotContain(UNSAFE_FLAG);
    }

    @Test
    void jdk23AndNewerAreToldUnsafeMemoryAccessIsAllowed() throws Exception {
        for (String version : List.of("23", "25")) {
            Path jdk = stubJdk(folder.resolve("jdk-" + version), version);

            Run run = launch(Map.of("JAVA_HOME", jdk.toString()), null, "--print-java-options");

            assertThat(run.out().strip().split(" ")).as("JDK %s", version).contains(UNSAFE_FLAG);
        }
    }

    @Test
    void anOldJavaHomeFallsBackToTheNewestInstalledJdk() throws Exception {
        Path jdk17 = stubJdk(jvmRoot.resolve("java-17-openjdk-amd64"), "17");
        Path jdk21 = stubJdk(jvmRoot.resolve("temurin-21-jdk-amd64"), "21");
        stubJdk(jvmRoot.resolve("temurin-25-jre-amd64"), "25")
                .resolve("bin/javac")
                .toFile()
                .delete();

        Run run = launch(Map.of("JAVA_HOME", jdk17.toString()), jdk17.resolve("bin"), "--print-java-home");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip())
                .as("a JRE without javac cannot build the jar")
                .isEqualTo(jdk21.toString());
    }

    @Test
    void theJavaOnPathCountsWhenJavaHomeIsUnset() throws Exception {
        Path jdk24 = stubJdk(folder.resolve("jdk-24"), "24");

        Run run = launch(Map.of(), jdk24.resolve("bin"), "--print-java-home");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo(jdk24.toString());
    }

    /** A JDK whose java answers {@code -XshowSettings:properties -version} like the real one, and nothing else. */
    private static Path stubJdk(Path home, String version) throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        String java = "#!/bin/sh\n"
                + "echo 'Property settings:' >&2\n"
                + "echo '    java.specification.version = " + version + "' >&2\n"
                + "echo 'openjdk version \"" + version + "\"' >&2\n";
        for (String tool : List.of("java", "javac")) {
            executable(bin.resolve(tool), java);
        }
        return home;
    }

    private static void executable(Path file, String script) throws IOException {
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Run launch(Map<String, String> environment, Path extraPath, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/bin/bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("PATH", (extraPath == null ? "" : extraPath + ":") + tools);
        builder.environment().put("ALLOT_JVM_ROOT", jvmRoot.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(
                process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
