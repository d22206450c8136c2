package dev.allot.evidence;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Files of {@code ../shared/data} next to the repository root; a test that needs one is skipped, with the reason
 * printed, where it is absent. The system property {@code allot.sharedData} points elsewhere (a checkout whose
 * siblings differ).
 */
final class SharedData {
    private SharedData() {}

    static Path file(String folder, String name) {
        String property = System.getProperty("allot.sharedData", "");
        Path base =
                property.isBlank() ? repositoryRoot().resolveSibling("shared").resolve("data") : Path.of(property);
        Path file = base.resolve(folder).resolve(name);
        Assumptions.assumeTrue(
                Files.isRegularFile(file), "skipped: " + file.toAbsolutePath().normalize() + " is absent");
        return file;
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }
}
