package dev.allot.app.evidence;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code allot evidence}: import and fit a project's scaling-curve and eval evidence. */
@Command(
        name = "evidence",
        mixinStandardHelpOptions = true,
        description = {
            "Import a project's evidence (eval results, scaling curves) and fit scaling laws to it.",
            "See docs/evidence.md."
        },
        subcommands = {ImportEvidenceCommand.class, FitEvidenceCommand.class})
public final class EvidenceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
