package dev.allot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.model.CycleId;
import dev.allot.core.model.Lab;
import dev.allot.store.Cycle;
import dev.allot.store.CycleState;
import dev.allot.store.Role;
import dev.allot.store.TestLabs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** One glossary behind every board header's tooltip, the /glossary page and docs/glossary.md. */
class GlossaryTest {
    private static final Page VIEWER = new Page(new Rights("vera", Role.VIEWER), "token", "board", null);

    @Test
    void everyBoardHeaderExplainsItselfFromTheGlossary() {
        Lab lab = TestLabs.shaped(5, 3).build();
        BoardPage.Rows rows = BoardPage.build(1, lab, Optional.empty(), "no plan yet");
        String html = Templates.render(
                "boardRows.jte",
                BoardPage.view(
                        VIEWER,
                        List.of(),
                        new Cycle(CycleId.of(lab.cycle().value()), lab.cycleStart(), CycleState.OPEN, lab.policy()),
                        rows,
                        BoardFilter.none(),
                        true));
        String head = html.substring(html.indexOf("<thead>"), html.indexOf("</thead>"));
        List<String> headers = new ArrayList<>();
        Matcher header =
                Pattern.compile("<th(?:\\s[^>]*)?>(.*?)</th>", Pattern.DOTALL).matcher(head);
        while (header.find()) {
            headers.add(header.group(1));
        }

        assertThat(headers).hasSize(10 + lab.gpuTypes().size());
        for (String cell : headers) {
            Matcher term = Pattern.compile("<abbr title=\"([^\"]+)\" data-term=\"([a-z-]+)\">")
                    .matcher(cell);
            assertThat(term.find()).as(cell).isTrue();
            assertThat(Glossary.of(term.group(2)).definition()).isNotBlank();
            assertThat(term.group(1)).hasSizeGreaterThan(20);
        }
    }

    @Test
    void theTermsALeaderMeetsAreAllInTheGlossaryPage() {
        List<String> required = List.of(
                "floor",
                "target",
                "ceiling",
                "reserve",
                "granularity",
                "exchange-rate",
                "shadow-price",
                "effective-compute",
                "yield-date",
                "idle-grant");
        String page = Templates.render("glossary.jte", VIEWER);
        for (String id : required) {
            assertThat(page)
                    .contains("<dt id=\"" + id + "\"><dfn>" + Glossary.of(id).name() + "</dfn></dt>");
        }
        assertThat(Glossary.TERMS.stream().map(Glossary.Term::id)).doesNotHaveDuplicates();
    }

    @Test
    void docsGlossaryIsWrittenFromTheSameList() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        Path doc = (root.endsWith("allot-web") ? root.getParent() : root).resolve("docs/glossary.md");
        if (Boolean.getBoolean("allot.writeGlossaryDoc")) {
            Files.writeString(doc, Glossary.markdown());
        }
        assertThat(doc).as("regenerate with -Dallot.writeGlossaryDoc=true").hasContent(Glossary.markdown());
    }
}
