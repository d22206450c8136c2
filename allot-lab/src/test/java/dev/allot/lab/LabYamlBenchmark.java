package dev.allot.lab;

import dev.allot.core.model.Lab;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time to read (parse and check every rule), write and generate the 300-project demo lab. Reproduce with the
 * command in docs/benchmarks.md ("Lab file").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LabYamlBenchmark {
    private Lab demo;
    private String yaml;

    @Setup
    public void generate() {
        demo = DemoLab.generate(42);
        yaml = LabYaml.write(demo);
    }

    @Benchmark
    public Lab read() {
        return LabYaml.read(yaml, "demo.yaml");
    }

    @Benchmark
    public String write() {
        return LabYaml.write(demo);
    }

    @Benchmark
    public Lab generateDemoLab() {
        return DemoLab.generate(42);
    }
}
