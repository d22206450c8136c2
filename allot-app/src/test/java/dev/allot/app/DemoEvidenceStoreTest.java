package dev.allot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.application.Application;
import dev.allot.application.EvidenceView;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Project;
import dev.allot.lab.DemoLab;
import dev.allot.store.Actor;
import dev.allot.store.Store;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The demo stores its generated evidence, so its project pages show fitted curves and the reasons for no curve. */
class DemoEvidenceStoreTest {
    @Test
    void theDemoStoresCurvesWhoseFitsShowEveryOutcome() {
        Lab lab = DemoLab.generate(42);
        try (Store store = Store.open("jdbc:h2:mem:demo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null)) {
            Application application = Application.over(store);
            application.cycles().importLab(lab, Actor.system("test"));

            int projects = DemoCommand.storeEvidence(application, lab, 42);

            List<String> statuses = lab.projects().stream()
                    .map(Project::id)
                    .map(id -> application.evidence().view(lab.cycle(), id))
                    .flatMap(view -> view.series().stream())
                    .map(EvidenceView.SeriesView::status)
                    .toList();
            assertThat(projects)
                    .isBetween(lab.projects().size() / 4, lab.projects().size() / 2);
            assertThat(statuses).hasSize(projects).contains("fitted", "too-few-points", "not-improving");
        }
    }
}
