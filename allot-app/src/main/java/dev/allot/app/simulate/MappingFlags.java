package dev.allot.app.simulate;

import dev.allot.app.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses {@code key=value,key=value} flags, or a file of {@code key=value} (or {@code key,value}) lines. */
final class MappingFlags {
    private MappingFlags() {}

    static Map<String, String> parse(String flag, String value) {
        if (value == null || value.isBlank()) {
            return Map.of();
        }
        boolean inline = value.contains("=") && !Files.isRegularFile(Path.of(value));
        String text = inline ? value.replace(',', '\n') : Cli.read(Path.of(value), "Mapping file");
        Map<String, String> mapping = new LinkedHashMap<>();
        int line = 0;
        for (String entry : text.split("\n")) {
            line++;
            String trimmed = entry.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("[=,]", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw SimulateCommand.flag(
                        flag,
                        trimmed,
                        (inline ? "" : "line " + line + " ") + "is not of the form key=value",
                        "Maybe 6214e9=vision-rl?");
            }
            if (mapping.put(parts[0].strip(), parts[1].strip()) != null) {
                throw SimulateCommand.flag(flag, parts[0].strip(), "is mapped twice", "Maybe drop one of them?");
            }
        }
        return mapping;
    }
}
