package dev.allot.slurm;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The limits Allot manages on one Slurm account association.
 *
 * @param grpTres GPU caps by TRES key ({@code gres/gpu}, {@code gres/gpu:h100}); a missing key means no limit
 * @param grpJobs {@code GrpJobs}, or {@link #NO_LIMIT}; {@code 0} holds every new job (used for killed projects)
 * @param grpTresMins GPU-minute budgets by TRES key ({@code GrpTRESMins}, from the plan's GPU-hour budgets); a
 *     missing key means no budget
 */
public record AccountLimits(SortedMap<String, Long> grpTres, long grpJobs, SortedMap<String, Long> grpTresMins) {
    /** Slurm's "no limit" value in sacctmgr commands. */
    public static final long NO_LIMIT = -1;

    public static final AccountLimits NONE = new AccountLimits(Map.of(), NO_LIMIT);

    public AccountLimits {
        grpTres = limitsOnly(grpTres);
        grpJobs = grpJobs < 0 ? NO_LIMIT : grpJobs;
        grpTresMins = limitsOnly(grpTresMins);
    }

    /** Limits without GPU-minute budgets. */
    public AccountLimits(Map<String, Long> grpTres, long grpJobs) {
        this(new TreeMap<>(grpTres), grpJobs, new TreeMap<>());
    }

    public AccountLimits(Map<String, Long> grpTres, long grpJobs, Map<String, Long> grpTresMins) {
        this(new TreeMap<>(grpTres), grpJobs, new TreeMap<>(grpTresMins));
    }

    private static SortedMap<String, Long> limitsOnly(Map<String, Long> values) {
        TreeMap<String, Long> copy = new TreeMap<>();
        if (values != null) {
            values.forEach((key, value) -> {
                if (value != null && value >= 0) {
                    copy.put(key, value);
                }
            });
        }
        return java.util.Collections.unmodifiableSortedMap(copy);
    }

    public long tres(String key) {
        return grpTres.getOrDefault(key, NO_LIMIT);
    }

    /** The GPU-minute budget of {@code key}, or {@link #NO_LIMIT}. */
    public long tresMins(String key) {
        return grpTresMins.getOrDefault(key, NO_LIMIT);
    }

    /** The same limits with {@code minutes} as the GPU-minute budgets. */
    public AccountLimits withTresMins(Map<String, Long> minutes) {
        return new AccountLimits(grpTres, grpJobs, minutes);
    }

    public boolean holdsJobs() {
        return grpJobs == 0;
    }

    /** {@code gres/gpu=8,gres/gpu:h100=8 GrpJobs=0 GrpTRESMins=gres/gpu:h100=60000}, or {@code none}. */
    public String describe() {
        StringBuilder text = new StringBuilder(entries(grpTres));
        if (grpJobs != NO_LIMIT) {
            text.append(text.isEmpty() ? "" : " ").append("GrpJobs=").append(grpJobs);
        }
        if (!grpTresMins.isEmpty()) {
            text.append(text.isEmpty() ? "" : " ").append("GrpTRESMins=").append(entries(grpTresMins));
        }
        return text.isEmpty() ? "none" : text.toString();
    }

    /** {@code key=value,key=value}, as sacctmgr writes TRES lists. */
    static String entries(Map<String, Long> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) ->
                text.append(text.isEmpty() ? "" : ",").append(key).append('=').append(value));
        return text.toString();
    }
}
