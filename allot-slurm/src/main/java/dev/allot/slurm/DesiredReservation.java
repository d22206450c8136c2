package dev.allot.slurm;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * A reserved block of the plan as the Slurm reservation that holds it.
 *
 * <p>Slurm 22.05 cannot reserve GPUs by TRES ({@code TRES=gres/gpu:h100=8} is refused: "TRES type 'gres/gpu:h100' not
 * supported with reservations"), so a block reserves whole nodes: {@code nodes} is the block's GPUs divided by the
 * GPUs per node of the type's pools, rounded up. A node feature per GPU type, when configured, makes Slurm pick nodes
 * of the block's type.
 *
 * @param name the reservation's name, {@code allot-<cycle>-<account>-<n>}
 * @param account the project's account, the only one that may use it
 * @param block the block in words, e.g. {@code 16 H100 (2 nodes)}, for reports
 * @param nodes whole nodes reserved ({@code NodeCnt})
 * @param feature the node feature that selects nodes of the block's GPU type, if any
 * @param start the first moment of the block (midnight of its first day, in the controller's time zone)
 * @param end the first moment after it
 * @param started whether the block has begun by the day the plan is enforced for: it is created from {@code now}
 *     and its start is not compared (Slurm refuses a start in the past and cannot move an active reservation's)
 */
public record DesiredReservation(
        String name,
        String account,
        String block,
        int nodes,
        Optional<String> feature,
        LocalDateTime start,
        LocalDateTime end,
        boolean started) {

    /** {@code allot-2027-01-vision-rl-1: account vision-rl, 2 node(s) (16 H100), 2027-01-10T00:00 .. 2027-01-20T00:00}. */
    public String describe() {
        return name + ": account " + account + ", " + nodes + " node(s)"
                + feature.map(f -> " with feature " + f).orElse("") + " (" + block + "), "
                + (started ? "now" : start.toString()) + " .. " + end;
    }

    /**
     * The block in one line, dates first, as {@code diff} and {@code drift} list it: {@code vision-rl 2027-01-10 ..
     * 2027-01-20: block of 16 H100, 8 per node (reservation allot-2027-01-vision-rl-1, 2 node(s), in force)}; the
     * end day is excluded.
     */
    public String blockLine() {
        return account + " " + start.toLocalDate() + " .. " + end.toLocalDate() + ": " + block + " (reservation " + name
                + ", " + nodes + " node(s)" + (started ? ", in force" : "") + ")";
    }
}
