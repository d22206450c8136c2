package dev.allot.core.model;

/**
 * A kind of GPU.
 *
 * @param id its name, e.g. {@code H100}
 * @param relativeSpeed throughput relative to the lab's reference GPU (reference = 1.0); effective compute of a
 *     grant is {@code gpus x relativeSpeed}
 */
public record GpuType(GpuTypeId id, double relativeSpeed) {
    public GpuType {
        Checks.present(id, "id");
        Checks.positive(relativeSpeed, "relativeSpeed");
    }
}
