package dev.allot.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The core takes values and returns values: it reads no clock, no environment, no files, no network and starts no
 * processes (docs/architecture.md). Time comes in from the caller, so the same inputs give the same plan.
 */
class CoreArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.allot.core");

    private static final Set<String> SYSTEM_READS =
            Set.of("nanoTime", "currentTimeMillis", "getenv", "getProperty", "getProperties", "lineSeparator");

    @Test
    void coreReadsNoClock() {
        noClasses()
                .should()
                .callMethodWhere(
                        named("a clock read (now(), System.nanoTime/currentTimeMillis, a system clock)", call -> {
                            String owner = call.getTargetOwner().getName();
                            String method = call.getName();
                            return method.equals("now")
                                    || (owner.equals("java.lang.System") && SYSTEM_READS.contains(method))
                                    || (owner.equals("java.time.InstantSource") && method.equals("system"))
                                    || (owner.equals("java.time.Clock") && method.startsWith("system"));
                        }))
                .because("the caller passes time in (PlannerOptions.clock), so the same inputs give the same plan")
                .check(CORE);
    }

    @Test
    void coreDoesNoIo() {
        noClasses()
                .should()
                .dependOnClassesThat(io())
                .because("adapters do I/O; the core takes values and returns values")
                .check(CORE);
    }

    private static DescribedPredicate<JavaMethodCall> named(
            String description, java.util.function.Predicate<JavaMethodCall> test) {
        return DescribedPredicate.describe(description, test);
    }

    private static DescribedPredicate<JavaClass> io() {
        return DescribedPredicate.describe(
                "files, streams, network, processes (java.io streams and files, java.nio.file, java.net,"
                        + " ProcessBuilder, Runtime)",
                type -> {
                    String name = type.getName();
                    boolean javaIo = type.getPackageName().equals("java.io")
                            && !name.equals("java.io.Serializable")
                            && !name.equals("java.io.UncheckedIOException");
                    return javaIo
                            || type.getPackageName().startsWith("java.nio.file")
                            || type.getPackageName().startsWith("java.net")
                            || name.equals("java.lang.ProcessBuilder")
                            || name.equals("java.lang.Runtime")
                            || name.equals("java.lang.Process");
                });
    }
}
