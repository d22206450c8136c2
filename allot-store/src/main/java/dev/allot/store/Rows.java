package dev.allot.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.Ask;
import dev.allot.core.model.Category;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuType;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Pool;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.ProjectStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Row mappers shared by the repositories. */
final class Rows {
    static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    static final TypeReference<Set<GpuTypeId>> TYPE_SET = new TypeReference<>() {};
    static final TypeReference<Map<GpuTypeId, Double>> TYPE_DOUBLES = new TypeReference<>() {};

    private Rows() {}

    static GpuType gpuType(ResultSet rs) throws SQLException {
        return new GpuType(GpuTypeId.of(rs.getString("id")), rs.getDouble("relative_speed"));
    }

    static Pool pool(ResultSet rs) throws SQLException {
        return new Pool(
                rs.getString("name"),
                rs.getString("cluster"),
                GpuTypeId.of(rs.getString("gpu_type")),
                rs.getInt("gpus"),
                rs.getInt("gpus_per_node"));
    }

    static Category category(ResultSet rs) throws SQLException {
        return new Category(CategoryId.of(rs.getString("id")), rs.getString("description"));
    }

    static Versioned<Project> project(ResultSet rs) throws SQLException {
        Project project = new Project(
                ProjectId.of(rs.getString("id")),
                rs.getString("name"),
                CategoryId.of(rs.getString("category")),
                rs.getString("lead"),
                Json.read(rs.getString("members_json"), STRINGS),
                ProjectStatus.valueOf(rs.getString("status")));
        return new Versioned<>(project, rs.getInt("version"));
    }

    static Ask ask(ResultSet rs) throws SQLException {
        return new Ask(
                ProjectId.of(rs.getString("project")),
                rs.getInt("floor_gpus"),
                rs.getInt("target_gpus"),
                rs.getInt("ceiling_gpus"),
                Json.read(rs.getString("gpu_types_json"), TYPE_SET),
                Json.read(rs.getString("speed_factors_json"), TYPE_DOUBLES),
                rs.getString("justification"),
                java.util.Optional.ofNullable(rs.getString("job_shape_json"))
                        .map(json -> Json.read(json, dev.allot.core.model.JobShape.class)));
    }

    static Allocation allocation(String json) {
        return Json.read(json, Allocation.class);
    }
}
