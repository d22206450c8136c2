package dev.allot.kueue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Folders beside the module: the repository root, and {@code ../shared/data} next to it. */
final class SharedData {
    private SharedData() {}

    /** The repository root (the folder holding {@code mvnw}), walking up from the working directory. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }

    /** {@code ../shared/data/NAME} relative to the repository root, when present. */
    static Optional<Path> folder(String name) {
        Path candidate =
                repositoryRoot().resolveSibling("shared").resolve("data").resolve(name);
        return Files.isDirectory(candidate) ? Optional.of(candidate) : Optional.empty();
    }
}
