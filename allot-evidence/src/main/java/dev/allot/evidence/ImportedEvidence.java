package dev.allot.evidence;

import java.util.List;

/**
 * The series read from one file, all validated.
 *
 * @param series one per metric (and compute unit)
 * @param notes things a reviewer should know that are not errors, e.g. "arc_easy: 10 of 2376 examples evaluated"
 */
public record ImportedEvidence(List<EvidenceSeries> series, List<String> notes) {
    public ImportedEvidence {
        series = List.copyOf(series);
        notes = List.copyOf(notes);
    }
}
