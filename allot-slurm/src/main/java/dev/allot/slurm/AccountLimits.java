package dev.allot.slurm;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The limits Allot manages on one Slurm account association.
 *
 * @param grpTres GPU caps by TRES key ({@code gres/gpu}, {@code gres/gpu:h100}); a missing key means no limit
 * @param grpJobs {@code GrpJobs}, or {@link #NO_LIMIT}; {@code 0} holds every new job (used for killed projects)
 */
public record AccountLimits(SortedMap<String, Long> grpTres, long grpJobs) {
    /** Slurm's "no limit" value in sacctmgr commands. */
    public static final long NO_LIMIT = -1;

    public static final AccountLimits NONE = new AccountLimits(Map.of(), NO_LIMIT);

    public AccountLimits {
        TreeMap<String, Long> copy = new TreeMap<>();
        grpTres.forEach((key, value) -> {
            if (value != null && value >= 0) {
                copy.put(key, value);
            }
        });
        grpTres = java.util.Collections.unmodifiableSortedMap(copy);
        grpJobs = grpJobs < 0 ? NO_LIMIT : grpJobs;
    }

    public AccountLimits(Map<String, Long> grpTres, long grpJobs) {
        this(new TreeMap<>(grpTres), grpJobs);
    }

    public long tres(String key) {
        return grpTres.getOrDefault(key, NO_LIMIT);
    }

    public boolean holdsJobs() {
        return grpJobs == 0;
    }

    /** {@code gres/gpu=8,gres/gpu:h100=8 GrpJobs=0}, or {@code none}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        grpTres.forEach((key, value) ->
                text.append(text.isEmpty() ? "" : ",").append(key).append('=').append(value));
        if (grpJobs != NO_LIMIT) {
            text.append(text.isEmpty() ? "" : " ").append("GrpJobs=").append(grpJobs);
        }
        return text.isEmpty() ? "none" : text.toString();
    }
}
