package dev.allot.sim.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.ProjectId;
import dev.allot.sim.SimOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcomes as one JSON document: {@code {"format": "allot-sim/1", "planWarnings": [...], "outcomes": [...]}}. Ids are strings, grants
 * are {@code {"H100": 8}} maps, and numbers that are not defined (a percentile of no jobs) are {@code null}.
 */
public final class JsonReport {
    public static final String FORMAT = "allot-sim/1";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule("allot-sim")
                    .addSerializer(ProjectId.class, ToStringSerializer.instance)
                    .addSerializer(CategoryId.class, ToStringSerializer.instance)
                    .addSerializer(GpuTypeId.class, ToStringSerializer.instance)
                    .addSerializer(java.time.LocalDate.class, ToStringSerializer.instance)
                    .addSerializer(Allocation.class, new AllocationSerializer())
                    .addSerializer(Double.class, new FiniteDoubleSerializer())
                    .addSerializer(double.class, new FiniteDoubleSerializer()));

    private JsonReport() {}

    public static String write(List<SimOutcome> outcomes) {
        return write(outcomes, List.of());
    }

    /**
     * As {@link #write(List)}, with the warnings the simulator gave before the runs (jobs the plan can never start,
     * plan periods drafted for another fleet, job shapes the trace contradicts) under {@code "planWarnings"}.
     */
    public static String write(List<SimOutcome> outcomes, List<String> planWarnings) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", FORMAT);
        document.put("planWarnings", List.copyOf(planWarnings));
        document.put("outcomes", outcomes);
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class AllocationSerializer extends StdSerializer<Allocation> {
        AllocationSerializer() {
            super(Allocation.class);
        }

        @Override
        public void serialize(Allocation value, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartObject();
            for (var entry : value.gpus().entrySet()) {
                out.writeNumberField(entry.getKey().value(), entry.getValue());
            }
            out.writeEndObject();
        }
    }

    private static final class FiniteDoubleSerializer extends StdSerializer<Double> {
        FiniteDoubleSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws IOException {
            if (value == null || !Double.isFinite(value)) {
                out.writeNull();
            } else {
                out.writeNumber(value);
            }
        }
    }
}
