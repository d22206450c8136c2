package dev.allot.core.model;

/** One reviewer's judgement of a project in a cycle: 1 (weak) to 10 (must fund). */
public record Score(ProjectId project, String reviewer, int score, String comment) {
    public Score {
        Checks.present(project, "project");
        Checks.present(reviewer, "reviewer");
        if (score < 1 || score > 10) {
            throw new IllegalArgumentException("score must be within 1..10, was " + score);
        }
        comment = comment == null ? "" : comment;
    }
}
