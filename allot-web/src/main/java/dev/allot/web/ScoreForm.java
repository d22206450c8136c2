package dev.allot.web;

import dev.allot.application.Application;
import dev.allot.core.AllotException;
import dev.allot.core.AllotException.Kind;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.Score;
import dev.allot.store.Actor;
import dev.allot.store.Cycle;
import dev.allot.store.CycleState;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** A reviewer's score (1-10) and comment for one project, while the cycle is in review. */
final class ScoreForm {
    record View(Page page, Project project, Cycle cycle, String score, String comment, FormErrors errors) {}

    private final Application application;

    ScoreForm(Application application) {
        this.application = application;
    }

    String show(Context ctx, Page page) {
        View empty = target(ctx, page);
        Score mine = application.reads().scores(empty.cycle().id()).stream()
                .filter(s -> s.project().equals(empty.project().id())
                        && s.reviewer().equals(page.rights().user()))
                .findFirst()
                .orElse(null);
        return Templates.render(
                "score.jte",
                mine == null
                        ? empty
                        : new View(
                                page,
                                empty.project(),
                                empty.cycle(),
                                String.valueOf(mine.score()),
                                mine.comment(),
                                empty.errors()));
    }

    String save(Context ctx, Page page) {
        View target = target(ctx, page);
        String scoreText = Forms.text(ctx, "score", 20);
        String comment = Forms.text(ctx, "comment", 4000);
        FormErrors errors = new FormErrors();
        int score = errors.integer("score", scoreText, 1, 10, "Maybe 5 for an average project?");
        if (comment.isBlank()) {
            errors.add("comment", "comment: empty. Maybe one sentence the deciders can read in the meeting?");
        }
        if (!errors.isEmpty()) {
            ctx.status(422);
            return Templates.render(
                    "score.jte", new View(page, target.project(), target.cycle(), scoreText, comment, errors));
        }
        Actor actor = new Actor(page.rights().user(), page.rights().role());
        application
                .reviews()
                .score(target.cycle().id(), new Score(target.project().id(), actor.user(), score, comment), actor);
        ctx.redirect("/projects/" + target.project().id().value() + page.cycleQuery(), HttpStatus.SEE_OTHER);
        return null;
    }

    private View target(Context ctx, Page page) {
        Project project = ProjectPage.project(
                application.reads(), ProjectId.of(Slugs.require(ctx.pathParam("project"), "project")));
        if (!page.rights().mayScore()) {
            throw new AllotException(
                    Kind.FORBIDDEN,
                    "role-forbidden",
                    "Role " + page.rights().roleLabel() + " may not score projects. Maybe ask a reviewer?");
        }
        Cycle cycle = Cycles.require(application.reads(), page.cycle()).value();
        if (cycle.state() != CycleState.REVIEW) {
            throw new AllotException(
                    Kind.CONFLICT,
                    "cycle-state",
                    "Cycle " + cycle.id() + " is "
                            + cycle.state().label()
                            + "; scores are given while it is in review. Maybe wait for a decider to"
                            + " move it to review?");
        }
        return new View(page, project, cycle, "", "", new FormErrors());
    }
}
