package dev.allot.app;

import dev.allot.core.AllotException;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.evidence.EvidenceFormat;
import dev.allot.evidence.EvidenceSeries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A folder of evidence CSV files, one per project ({@code PROJECT.csv}), for planning a lab file by evidence. */
final class EvidenceFiles {
    private EvidenceFiles() {}

    /** Each lab project's series; none without a folder. A file naming no project of the lab is refused. */
    static Map<ProjectId, List<EvidenceSeries>> read(Path folder, Lab lab) {
        Map<ProjectId, List<EvidenceSeries>> evidence = new TreeMap<>();
        if (folder == null) {
            return evidence;
        }
        if (!Files.isDirectory(folder)) {
            throw AllotException.invalid(
                    "EVIDENCE_FOLDER",
                    "--evidence " + folder + " is not a folder. Maybe a folder of PROJECT.csv evidence files?");
        }
        Set<String> projects = new java.util.TreeSet<>();
        lab.projects().stream().map(Project::id).map(ProjectId::value).forEach(projects::add);
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".csv"))
                    .sorted()
                    .toList()) {
                String name = file.getFileName().toString();
                String project = name.substring(0, name.length() - ".csv".length());
                if (!projects.contains(project)) {
                    throw AllotException.invalid(
                            "EVIDENCE_FOLDER",
                            "Evidence file " + file + " names project '" + project + "', which the lab does not have."
                                    + " Maybe rename it to one of " + projects + ".csv?");
                }
                String text = Files.readString(file, StandardCharsets.UTF_8);
                evidence.put(
                        ProjectId.of(project),
                        EvidenceFormat.CSV
                                .read(text, file.toString(), ProjectId.of(project), null, Set.of())
                                .series());
            }
        } catch (IOException e) {
            throw AllotException.invalid(
                    "EVIDENCE_FOLDER",
                    "Evidence folder " + folder + " could not be read: " + e.getMessage()
                            + ". Maybe check its permissions?");
        }
        return evidence;
    }
}
