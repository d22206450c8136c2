package dev.allot.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.PastCycle;
import dev.allot.core.model.ProjectId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/** Reads the past cycles a lab file brought in. */
final class PastCycles {
    private static final TypeReference<Map<ProjectId, Allocation>> GRANTS = new TypeReference<>() {};
    private static final TypeReference<Map<ProjectId, Double>> USED = new TypeReference<>() {};

    private PastCycles() {}

    static PastCycle read(ResultSet rs) throws SQLException {
        return new PastCycle(
                CycleId.of(rs.getString("cycle")),
                Json.read(rs.getString("grants_json"), GRANTS),
                Json.read(rs.getString("used_json"), USED));
    }
}
