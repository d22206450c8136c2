package dev.allot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.Lab;
import dev.allot.core.model.Plan;
import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.lab.LabYaml;
import dev.allot.lab.PlanDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The examples in docs/ are what the code does. */
class DocsExamplesTest {
    static Path docs() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("docs/ above the working directory").isNotNull();
        return dir.resolve("docs");
    }

    static String firstBlock(Path file, String language) throws IOException {
        Matcher matcher = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(file));
        assertThat(matcher.find()).as("a ```" + language + " block in " + file).isTrue();
        return matcher.group(1);
    }

    private static String withoutSolveTime(String json) {
        return json.replaceAll("\"solveMillis\" : \\d+", "\"solveMillis\" : 0");
    }

    @Test
    void planFormatExampleIsThePlanOfTheLabFileExample() throws IOException {
        Lab lab = LabYaml.read(firstBlock(docs().resolve("lab-file.md"), "yaml"), "docs/lab-file.md");
        Plan plan = Planner.create(PlannerOptions.defaults()).plan(lab);
        String documented = firstBlock(docs().resolve("plan-format.md"), "json");
        assertThat(withoutSolveTime(PlanDocument.json(plan).strip())).isEqualTo(withoutSolveTime(documented.strip()));
        assertThat(PlanDocument.read(firstBlock(docs().resolve("plan-format.md"), "json"), "docs")
                        .grants())
                .isEqualTo(plan.grants());
    }
}
