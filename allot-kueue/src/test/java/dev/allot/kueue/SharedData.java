package dev.allot.kueue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds {@code ../shared/data} beside the repository root, walking up from the working directory. */
final class SharedData {
    private SharedData() {}

    static Optional<Path> folder(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("data").resolve(name);
            if (dir.resolve(".git").toFile().exists() || dir.resolve("mvnw").toFile().exists()) {
                return Files.isDirectory(candidate) ? Optional.of(candidate) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
