package dev.allot.kueue;

import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time to export a plan to Kueue: compile, check every object against the CRD schemas (loading them, as each CLI
 * run does), and render YAML. Reproduce with the command in docs/benchmarks.md ("Kueue export").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class KueueExportBenchmark {
    private static final LocalDate AS_OF = TestPlans.YIELD_BY.minusDays(1);

    @Param({"300"})
    int projects;

    private Lab lab;
    private Plan plan;

    @Setup
    public void generate() {
        TestPlans plans = TestPlans.random(42, projects);
        lab = plans.build();
        plan = plans.plan();
    }

    @Benchmark
    public KueueManifest compile() {
        return KueueCompiler.compile(lab, plan, KueueConfig.defaults(), AS_OF);
    }

    @Benchmark
    public int compileAndValidate() {
        KueueManifest manifest = compile();
        return CrdSchemas.bundled().validate(manifest.objects()).size();
    }

    /** What {@code allot kueue export} does after planning. */
    @Benchmark
    public String export() {
        KueueManifest manifest = compile();
        if (!CrdSchemas.bundled().validate(manifest.objects()).isEmpty()) {
            throw new IllegalStateException("invalid export");
        }
        return KueueYaml.render(manifest.objects());
    }
}
