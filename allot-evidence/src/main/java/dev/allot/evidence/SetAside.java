package dev.allot.evidence;

/**
 * A point the fit did not use, and why: outlier handling is reported, never silent.
 *
 * @param point the measurement
 * @param reason e.g. "one of the 5 highest losses (outlier rule of the Chinchilla replication)"
 */
public record SetAside(EvidencePoint point, String reason) {}
