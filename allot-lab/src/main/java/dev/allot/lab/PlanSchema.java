package dev.allot.lab;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.allot.core.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON Schema of the plan document ({@value PlanDocument#FORMAT}): published by the server at
 * {@code /schemas/plan-v1.json}, checked against every plan Allot writes, and used to tell the reader of a broken
 * plan file exactly which field is wrong.
 */
public final class PlanSchema {
    private static final String RESOURCE = "plan-v1.schema.json";
    private static final String TEXT = load();
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(TEXT, InputFormat.JSON);

    private PlanSchema() {}

    /** The schema itself, as published. */
    public static String text() {
        return TEXT;
    }

    /** Every way {@code json} departs from the schema, each at its JSON pointer; empty when it conforms. */
    public static List<Problem> validate(String json) {
        List<Error> errors = SCHEMA.validate(json, InputFormat.JSON);
        return errors.stream().map(PlanSchema::problem).toList();
    }

    private static Problem problem(Error error) {
        // JSON pointers; the document itself is "/" rather than the pointer's empty string, to be visible
        String pointer = error.getInstanceLocation().toString();
        String path = pointer.isEmpty() ? "/" : pointer;
        String value =
                error.getInstanceNode() == null || error.getInstanceNode().isContainer()
                        ? ""
                        : error.getInstanceNode().asString();
        return Problem.of(path, value, error.getMessage());
    }

    private static String load() {
        try (InputStream in = PlanSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
