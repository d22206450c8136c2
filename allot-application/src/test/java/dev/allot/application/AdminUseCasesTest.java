package dev.allot.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.allot.core.AllotException;
import dev.allot.core.model.Lab;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import dev.allot.store.Actor;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.TestLabs;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Projects and tokens are an administrator's to write, whichever adapter asks; sign-in is anyone's. */
class AdminUseCasesTest {
    private static final Actor ADA = new Actor("ada", Role.ADMIN);
    private static final Actor DANA = new Actor("dana", Role.DECIDER);

    private final Store store = Store.open("jdbc:h2:mem:admin-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
    private final Application application = Application.over(store);
    private final Lab lab = TestLabs.shaped(3, 2).build();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void onlyAnAdministratorCreatesOrEditsAProject() {
        application.cycles().importLab(lab, Actor.system("test"));
        Project project = new Project(
                ProjectId.of("new-project"),
                "New project",
                lab.projects().get(0).category(),
                "lee",
                List.of(),
                ProjectStatus.ACTIVE);

        AllotException refused = catchThrowableOfType(
                AllotException.class, () -> application.projects().create(project, DANA));
        assertThat(refused.code()).isEqualTo("role-forbidden");
        assertThat(refused.getMessage()).contains("decider").contains("create projects");
        assertThat(application.reads().project(project.id())).isEmpty();

        assertThat(application.projects().create(project, ADA).version()).isEqualTo(1);
        Project renamed = new Project(
                project.id(), "Renamed", project.category(), project.lead(), project.members(), project.status());
        assertThat(catchThrowableOfType(
                                AllotException.class,
                                () -> application.projects().update(renamed, 1, DANA))
                        .code())
                .isEqualTo("role-forbidden");
        assertThat(application.projects().update(renamed, 1, ADA).version()).isEqualTo(2);
    }

    @Test
    void aTokenIsAnAdministratorsToCreateAndItsSessionIsAnyonesToOpenAndEnd() {
        AllotException refused = catchThrowableOfType(
                AllotException.class, () -> application.tokens().create("rui", Role.REVIEWER, "laptop", DANA));
        assertThat(refused.code()).isEqualTo("role-forbidden");
        assertThat(application.tokens().list(ADA)).isEmpty();

        String token =
                application.tokens().create("rui", Role.REVIEWER, "laptop", ADA).token();
        Actor rui = application.signIn().authenticate(token).orElseThrow();
        assertThat(rui).isEqualTo(new Actor("rui", Role.REVIEWER));

        String session = application
                .signIn()
                .openSession(token, Duration.ofHours(1))
                .orElseThrow()
                .token();
        assertThat(application.signIn().authenticate(session)).contains(rui);
        application.signIn().signOut(session, rui);
        assertThat(application.signIn().authenticate(session)).isEmpty();
        assertThat(application.signIn().authenticate(token)).contains(rui);

        assertThat(application.tokens().revokeTokenOrId(token, ADA)).isTrue();
        assertThat(application.signIn().authenticate(token)).isEmpty();
    }
}
