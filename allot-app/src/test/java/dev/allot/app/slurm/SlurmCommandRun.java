package dev.allot.app.slurm;

import dev.allot.app.CliRun;

/** Runs {@code allot} in-process and captures what it prints. */
public record SlurmCommandRun(int exitCode, String out, String err) {
    static SlurmCommandRun of(String... args) {
        CliRun run = CliRun.of(args);
        return new SlurmCommandRun(run.exitCode(), run.out(), run.err());
    }

    /** A small lab: two funded projects and one paused, H100 and A100. */
    public static final String LAB = """
            name: slurm-lab
            cycle: 2027-01
            cycleStart: 2027-01-04
            gpuTypes:
              - {name: H100, speed: 1.0}
              - {name: A100, speed: 0.45}
            pools:
              - {name: ci-h100, cluster: ci, gpuType: H100, gpus: 64, gpusPerNode: 8}
              - {name: ci-a100, cluster: ci, gpuType: A100, gpus: 32, gpusPerNode: 8}
            categories:
              - {id: exploratory}
              - {id: product}
            policy:
              reserve: 0%
              relations: []
              granularity: node
            projects:
              - id: vision-rl
                category: exploratory
                lead: alice
                members: [alice, bob]
                ask: {floor: 8, target: 16, ceiling: 24, gpuTypes: [H100]}
              - id: chat-sft
                category: product
                lead: erin
                members: [erin]
                ask: {floor: 8, target: 16, ceiling: 16, gpuTypes: [A100]}
            """;
}
