package dev.allot.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The house drawing (docs/architecture.md) as a test: no module imports one above it, and the adapters (API, web,
 * command line) reach the store through the application layer, not its repositories.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.allot");

    private static final String[] ADAPTERS = {"dev.allot.server..", "dev.allot.web..", "dev.allot.app.."};

    /**
     * Adapter classes that still use the store's repositories themselves, each with the reason. The list may only
     * shrink: {@link #theExceptionListHoldsOnlyClassesThatStillNeedIt} fails when a class no longer needs its entry.
     */
    private static final Map<String, String> STORE_EXCEPTIONS = Map.ofEntries(
            // Wiring: open the store (or receive it) and hand it to the application and the pages.
            Map.entry(
                    "dev.allot.server.AllotServer",
                    "wiring: builds the application over the store and asks it for health"),
            Map.entry("dev.allot.app.server.StoreOptions", "wiring: opens the store for a command"),
            Map.entry("dev.allot.app.server.StoreConnection", "wiring: the JDBC settings of the store"),
            Map.entry("dev.allot.app.server.ServeCommand", "wiring: opens the store for the server"),
            Map.entry("dev.allot.app.DemoCommand", "wiring: opens the demo store"),
            Map.entry(
                    "dev.allot.app.server.StoreCommand",
                    "wiring: opens and closes the store to back it up or restore it"));

    private static final DescribedPredicate<JavaClass> STORE_ACCESS = DescribedPredicate.describe(
            "the store or its repositories",
            type -> type.getPackageName().equals("dev.allot.store")
                    && (type.getSimpleName().equals("Store")
                            || type.getSimpleName().endsWith("Repository")));

    @Test
    void noModuleImportsOneAboveIt() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("core")
                .definedBy("dev.allot.core..")
                .layer("lab")
                .definedBy("dev.allot.lab..")
                .layer("store")
                .definedBy("dev.allot.store..")
                .layer("enforcers")
                .definedBy("dev.allot.slurm..", "dev.allot.kueue..", "dev.allot.sim..")
                .layer("application")
                .definedBy("dev.allot.application..")
                .layer("server")
                .definedBy("dev.allot.server..")
                .layer("web")
                .definedBy("dev.allot.web..")
                .layer("cli")
                .definedBy("dev.allot.app..")
                .whereLayer("cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("web")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("server")
                .mayOnlyBeAccessedByLayers("web", "cli")
                .whereLayer("application")
                .mayOnlyBeAccessedByLayers("server", "web", "cli")
                .whereLayer("enforcers")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("store")
                .mayOnlyBeAccessedByLayers("application", "server", "web", "cli")
                .whereLayer("lab")
                // allot.plan/v1 is the one outward plan format: the API serves it and approvals sign its hash.
                .mayOnlyBeAccessedByLayers("application", "server", "cli")
                .check(CLASSES);
    }

    @Test
    void adaptersReachTheStoreOnlyThroughTheApplication() {
        noClasses()
                .that()
                .resideInAnyPackage(ADAPTERS)
                .and(DescribedPredicate.describe(
                        "are not in the documented exception list",
                        type -> !STORE_EXCEPTIONS.containsKey(type.getName().replaceAll("\\$.*", ""))))
                .should()
                .dependOnClassesThat(STORE_ACCESS)
                .because("use cases and their checks live once in dev.allot.application")
                .check(CLASSES);
    }

    @Test
    void theExceptionListHoldsOnlyClassesThatStillNeedIt() {
        Set<String> needed = new TreeSet<>();
        for (JavaClass type : CLASSES) {
            boolean touchesStore = type.getDirectDependenciesFromSelf().stream()
                    .anyMatch(dependency -> STORE_ACCESS.test(dependency.getTargetClass()));
            if (touchesStore) {
                needed.add(type.getName().replaceAll("\\$.*", ""));
            }
        }
        assertThat(needed).as("remove entries that no longer touch the store").containsAll(STORE_EXCEPTIONS.keySet());
    }
}
