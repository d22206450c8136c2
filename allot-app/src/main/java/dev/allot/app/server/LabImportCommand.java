package dev.allot.app.server;

import dev.allot.app.Cli;
import dev.allot.application.Application;
import dev.allot.lab.LabFile;
import dev.allot.lab.LabYaml;
import dev.allot.store.ImportSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code allot lab import FILE}: writes a whole lab file into the store in one transaction; idempotent. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Import a lab file into the store (one transaction; importing it again changes nothing).",
            "Creates the file's cycle in state open if it is new. The file's evidence: section goes into that"
                    + " cycle, replacing stored series of the same project, metric and compute unit.",
            "Only an admin may import (--as-role admin, the default): an import rewrites the fleet, the projects"
                    + " and the cycle's review."
        })
public final class LabImportCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "FILE", description = "The lab file.")
    Path file;

    @Override
    public Integer call() {
        LabFile lab = LabYaml.readFile(Cli.read(file, "Lab file"), file.toString());
        return store.run(opened -> {
            ImportSummary summary = Application.over(opened).cycles().importLabFile(lab, store.actor());
            System.out.printf(
                    "Imported %s (cycle %s): %s%s.%n",
                    file,
                    lab.lab().cycle(),
                    summary,
                    lab.evidence().isEmpty() ? "" : "; " + lab.evidence().size() + " evidence series");
        });
    }
}
