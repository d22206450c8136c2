package dev.allot.lab;

import java.util.List;
import java.util.Objects;

/**
 * Everything a lab file holds: the lab, and the evidence series of its {@code evidence:} section (empty without
 * one). {@link LabYaml#readFile} reads it, {@link LabYaml#write(LabFile)} writes it back.
 */
public record LabFile(dev.allot.core.model.Lab lab, List<LabEvidence> evidence) {
    public LabFile {
        Objects.requireNonNull(lab, "lab");
        evidence = List.copyOf(evidence);
    }
}
