package dev.allot.evidence;

/** What became of a fit. Only {@link #FITTED} curves value compute; the others say why not, never a made-up curve. */
public enum FitStatus {
    /** A curve that describes the data, with bootstrap intervals. */
    FITTED,
    /** Fewer points than the law has parameters plus two (5 for both laws). */
    TOO_FEW_POINTS,
    /** The metric does not get better with compute: no curve to extrapolate. */
    NOT_IMPROVING,
    /** The optimiser did not meet its convergence test from any start. */
    NOT_CONVERGED,
    /** A curve was found but its residuals are far beyond the points' stated errors: shown with its residuals. */
    POOR_FIT
}
