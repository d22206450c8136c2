package dev.allot.server;

import dev.allot.application.Fleets;
import dev.allot.core.model.CapacityEvent;
import dev.allot.store.Versioned;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /api/pools/{pool}/events}: a pool's dated capacity events (arrivals, retirements, outage windows). */
final class CapacityHandlers {
    private final Fleets fleets;

    CapacityHandlers(Fleets fleets) {
        this.fleets = fleets;
    }

    void list(Context ctx) {
        events(ctx, fleets.versionedEvents(Requests.slug(ctx, "pool")));
    }

    void add(Context ctx) {
        String pool = Requests.slug(ctx, "pool");
        Integer expected = Requests.ifMatch(ctx);
        Fields body = Fields.parse(ctx.body());
        String kind = body.text("kind", 16, null);
        int gpus = body.integer("gpus", 1, 1_000_000, null);
        var from = body.date("from");
        Optional<java.time.LocalDate> until = body.has("until") ? Optional.of(body.date("until")) : Optional.empty();
        body.done();
        ctx.status(201);
        events(ctx, fleets.addCapacityEvent(pool, kind, gpus, from, until, expected, Requests.actor(ctx)));
    }

    void remove(Context ctx) {
        String pool = Requests.slug(ctx, "pool");
        String index = ctx.pathParam("index");
        Integer expected = Requests.ifMatch(ctx);
        if (!index.matches("[0-9]{1,6}")) {
            throw dev.allot.core.AllotException.invalid(
                    "invalid-path", "index '" + index + "' is not an event number (0, 1, ...). Maybe check the URL?");
        }
        events(ctx, fleets.removeCapacityEvent(pool, Integer.parseInt(index), expected, Requests.actor(ctx)));
    }

    /** The events with the ETag of the pool's event list, which {@code If-Match} on a change names. */
    private static void events(Context ctx, Versioned<List<CapacityEvent>> events) {
        Requests.versioned(ctx, new Versioned<>(json(events.value()), events.version()));
    }

    /** Events as the API shows them: {@code until} only on an outage. */
    static List<Map<String, Object>> json(List<CapacityEvent> events) {
        return events.stream()
                .map(event -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("pool", event.pool());
                    fields.put("kind", event.kind().label());
                    fields.put("gpus", event.gpus());
                    fields.put("from", event.from().toString());
                    event.until().ifPresent(until -> fields.put("until", until.toString()));
                    return fields;
                })
                .toList();
    }
}
