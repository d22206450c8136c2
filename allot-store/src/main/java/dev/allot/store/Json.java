package dev.allot.store;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.allot.core.AllotException;
import dev.allot.core.model.Budget;
import dev.allot.core.model.BudgetOwner;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.CycleId;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.NoAsk;
import dev.allot.core.model.ProjectId;
import dev.allot.core.model.UsagePolicy;
import java.io.IOException;
import java.util.function.Function;

/**
 * The one JSON mapping of Allot values, shared by the store (plan documents, audit snapshots) and the REST API, so a
 * value reads back exactly as it was written. Records are mapped by their components; typed ids are plain strings.
 */
public final class Json {
    private static final ObjectMapper MAPPER = create();

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new AllotException(
                    AllotException.Kind.INTERNAL,
                    "json-write",
                    "Could not write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(),
                    java.util.List.of(),
                    e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw corrupt(type.getSimpleName(), e);
        }
    }

    public static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw corrupt(type.getType().getTypeName(), e);
        }
    }

    private static AllotException corrupt(String type, JsonProcessingException e) {
        return new AllotException(
                AllotException.Kind.INTERNAL,
                "json-read",
                "Stored " + type + " could not be read back: " + e.getOriginalMessage()
                        + ". Maybe the database was edited by hand?",
                java.util.List.of(),
                e);
    }

    private static ObjectMapper create() {
        SimpleModule ids = new SimpleModule("allot-ids");
        id(ids, GpuTypeId.class, GpuTypeId::new);
        id(ids, ProjectId.class, ProjectId::new);
        id(ids, CategoryId.class, CategoryId::new);
        id(ids, CycleId.class, CycleId::new);
        // The usage action is spelt as in lab files and API bodies (capAtUsedPlusHeadroom); older spellings read too.
        ids.addSerializer(UsagePolicy.Action.class, new StdSerializer<>(UsagePolicy.Action.class) {
            @Override
            public void serialize(UsagePolicy.Action value, JsonGenerator out, SerializerProvider provider)
                    throws IOException {
                out.writeString(value.label());
            }
        });
        ids.addDeserializer(UsagePolicy.Action.class, new JsonDeserializer<>() {
            @Override
            public UsagePolicy.Action deserialize(JsonParser parser, DeserializationContext context)
                    throws IOException {
                String text = parser.getValueAsString();
                return UsagePolicy.Action.parse(text)
                        .orElseGet(() -> UsagePolicy.Action.valueOf(text.toUpperCase(java.util.Locale.ROOT)));
            }
        });
        // The no-ask rule reads and writes as the policy spells it everywhere (keep, floorOnly, release); a name in
        // any case (FLOOR_ONLY) still reads.
        ids.addSerializer(NoAsk.class, new StdSerializer<>(NoAsk.class) {
            @Override
            public void serialize(NoAsk value, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeString(value.label());
            }
        });
        ids.addDeserializer(NoAsk.class, new JsonDeserializer<>() {
            @Override
            public NoAsk deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String text = parser.getValueAsString();
                return NoAsk.parse(text).orElseGet(() -> NoAsk.valueOf(text.toUpperCase(java.util.Locale.ROOT)));
            }
        });
        budgets(ids);
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .registerModule(ids)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true);
        mapper.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);
        mapper.setVisibility(PropertyAccessor.ALL, Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, Visibility.ANY);
        mapper.setVisibility(PropertyAccessor.CREATOR, Visibility.ANY);
        return mapper;
    }

    /**
     * A budget is stored as {@code {"project"|"category": id, "gpuType": ..., "gpuHours": ...}}: a project's budget
     * reads and writes as it did before budgets could be a category's.
     */
    private static void budgets(SimpleModule module) {
        module.addSerializer(Budget.class, new StdSerializer<>(Budget.class) {
            @Override
            public void serialize(Budget value, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeStartObject();
                out.writeStringField(value.owner().kind(), value.owner().value());
                out.writeStringField("gpuType", value.gpuType().value());
                out.writeNumberField("gpuHours", value.gpuHours());
                out.writeEndObject();
            }
        });
        module.addDeserializer(Budget.class, new JsonDeserializer<>() {
            @Override
            public Budget deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                com.fasterxml.jackson.databind.JsonNode node = parser.readValueAsTree();
                return new Budget(
                        BudgetOwner.of(
                                node.path("project").asText(null),
                                node.path("category").asText(null)),
                        GpuTypeId.of(node.path("gpuType").asText()),
                        node.path("gpuHours").asDouble());
            }
        });
    }

    private static <T> void id(SimpleModule module, Class<T> type, Function<String, T> parse) {
        module.addSerializer(type, new StdSerializer<>(type) {
            @Override
            public void serialize(T value, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeString(value.toString());
            }
        });
        module.addKeySerializer(type, new StdSerializer<>(type) {
            @Override
            public void serialize(T value, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeFieldName(value.toString());
            }
        });
        module.addDeserializer(type, new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return parse.apply(parser.getValueAsString());
            }
        });
        module.addKeyDeserializer(type, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext context) {
                return parse.apply(key);
            }
        });
    }
}
