package dev.allot.server;

import dev.allot.core.planner.Planner;
import dev.allot.core.planner.PlannerOptions;
import dev.allot.store.Actor;
import dev.allot.store.Databases;
import dev.allot.store.Role;
import dev.allot.store.Store;
import dev.allot.store.TestLabs;
import java.util.EnumMap;
import java.util.Map;

/**
 * A running server over a fresh H2 store holding a small lab (cycle 2026-12, open), with one token per role.
 * {@code lead0} leads project-0 and nothing else.
 */
final class TestServer implements AutoCloseable {
    static final Actor ROOT = new Actor("root", Role.ADMIN);

    final Store store;
    final AllotServer server;
    final ApiClient client;
    final Map<Role, String> tokens = new EnumMap<>(Role.class);

    TestServer(int projects) {
        this(TestLabs.shaped(projects, 42).build());
    }

    /** A server holding {@code lab}, open, with one token per role. */
    TestServer(dev.allot.core.model.Lab lab) {
        this(lab, Planner.create(PlannerOptions.defaults()));
    }

    /** A server holding {@code lab}, open, solving with {@code planner}. */
    TestServer(dev.allot.core.model.Lab lab, Planner planner) {
        this(lab, planner, AllotServer.Settings.defaults());
    }

    /** A server holding {@code lab}, open, solving with {@code planner}, run as {@code settings} say. */
    TestServer(dev.allot.core.model.Lab lab, Planner planner, AllotServer.Settings settings) {
        store = Databases.h2();
        store.lab().importLab(lab, ROOT);
        server = AllotServer.create(store, planner, config -> {}, settings).start("127.0.0.1", 0);
        client = new ApiClient(server.port());
        tokens.put(
                Role.ADMIN,
                store.tokens().create("root", Role.ADMIN, "test", ROOT).token());
        tokens.put(
                Role.DECIDER,
                store.tokens().create("ada", Role.DECIDER, "test", ROOT).token());
        tokens.put(
                Role.REVIEWER,
                store.tokens().create("rev", Role.REVIEWER, "test", ROOT).token());
        tokens.put(
                Role.LEAD,
                store.tokens().create("lead0", Role.LEAD, "test", ROOT).token());
        tokens.put(
                Role.VIEWER,
                store.tokens().create("val", Role.VIEWER, "test", ROOT).token());
    }

    String token(Role role) {
        return tokens.get(role);
    }

    @Override
    public void close() {
        server.stop();
        store.close();
    }
}
