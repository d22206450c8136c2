package dev.allot.server;

import dev.allot.application.Fleets;
import dev.allot.core.model.CapacityEvent;
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
        ctx.json(json(fleets.capacityEvents(Requests.slug(ctx, "pool"))));
    }

    void add(Context ctx) {
        String pool = Requests.slug(ctx, "pool");
        Fields body = Fields.parse(ctx.body());
        String kind = body.text("kind", 16, null);
        int gpus = body.integer("gpus", 1, 1_000_000, null);
        var from = body.date("from");
        Optional<java.time.LocalDate> until = body.has("until") ? Optional.of(body.date("until")) : Optional.empty();
        body.done();
        List<CapacityEvent> events = fleets.addCapacityEvent(pool, kind, gpus, from, until, Requests.actor(ctx));
        ctx.status(201).json(json(events));
    }

    void remove(Context ctx) {
        String pool = Requests.slug(ctx, "pool");
        String index = ctx.pathParam("index");
        if (!index.matches("[0-9]{1,6}")) {
            throw dev.allot.core.AllotException.invalid(
                    "invalid-path", "index '" + index + "' is not an event number (0, 1, ...). Maybe check the URL?");
        }
        ctx.json(json(fleets.removeCapacityEvent(pool, Integer.parseInt(index), Requests.actor(ctx))));
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
