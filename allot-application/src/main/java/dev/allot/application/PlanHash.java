package dev.allot.application;

import dev.allot.core.model.Plan;
import dev.allot.lab.PlanDocument;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The content hash of a plan: SHA-256 of its allot.plan/v1 document, what an approval signs. */
public final class PlanHash {
    private PlanHash() {}

    /** 64 lower-case hex digits; equal plans give equal hashes, any changed grant or decision another. */
    public static String of(Plan plan) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of()
                    .formatHex(digest.digest(PlanDocument.json(plan).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
