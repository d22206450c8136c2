package dev.allot.evidence;

/** The unit of a point's compute: what the training run that produced the measurement consumed. */
public enum ComputeUnit {
    /** GPU-hours on the lab's reference GPU type (relative speed 1). */
    GPU_HOURS,
    /** Floating-point operations of training (for a dense transformer about 6 x parameters x tokens). */
    FLOP;

    /** "gpu-hours" or "flop", as written in files. */
    public String word() {
        return this == GPU_HOURS ? "gpu-hours" : "flop";
    }
}
