package dev.allot.app.kueue;

import dev.allot.app.Cli;
import dev.allot.app.EnforcedPlanInput;
import dev.allot.core.AllotException;
import dev.allot.kueue.KueueManifest;
import dev.allot.kueue.KueueYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code allot kueue export}: writes the Kueue objects as YAML for {@code kubectl apply -f}. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Write the plan's Kueue objects as YAML that 'kubectl apply -f' accepts, checked against Kueue's CRD schemas. Without --out the YAML goes to standard output."
        })
final class KueueExportCommand implements Callable<Integer> {
    @Mixin
    EnforcedPlanInput input;

    @Mixin
    KueueSettings settings;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Write one file per kind into this folder, numbered in apply order (for kubectl apply -f"
                    + " DIR); for a lab with pools in several clusters, one sub-folder per cluster.")
    Path out;

    @Override
    public Integer call() {
        Map<String, KueueManifest> manifests = KueueCommand.manifests(input, settings, out != null);
        boolean perCluster = out != null && settings.cluster == null && manifests.size() > 1;
        if (out == null) {
            KueueManifest manifest = manifests.values().iterator().next();
            System.out.print(KueueYaml.render(manifest.objects()));
            System.out.flush();
        }
        for (Map.Entry<String, KueueManifest> entry : manifests.entrySet()) {
            KueueManifest manifest = entry.getValue();
            String where = perCluster ? "cluster " + entry.getKey() + ": " : "";
            if (out != null) {
                write(perCluster ? out.resolve(entry.getKey()) : out, manifest, where);
            }
            System.err.println(where + "Kueue " + manifest.apiVersion().version() + " objects for " + manifest.asOf()
                    + ": " + KueueCommand.counts(manifest.objects()) + ".");
            KueueCommand.printPendingYields(manifest, System.err);
        }
        input.record(
                "kueue",
                out == null ? "stdout" : out.toString(),
                "export",
                manifests.values().stream()
                        .mapToInt(manifest -> manifest.objects().size())
                        .sum(),
                null,
                0,
                "");
        System.err.flush();
        return Cli.OK;
    }

    private static void write(Path folder, KueueManifest manifest, String where) {
        Map<String, String> files = KueueYaml.files(manifest.objects());
        try {
            Files.createDirectories(folder);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(folder.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw AllotException.invalid(
                    "FILE_UNWRITABLE",
                    "Cannot write the Kueue objects into " + folder + ": " + e.getMessage()
                            + ". Maybe choose another --out folder?");
        }
        System.err.println(
                where + "Wrote " + files.size() + " files to " + folder + ": " + String.join(", ", files.keySet()));
    }
}
