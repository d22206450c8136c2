package dev.allot.store;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * The child process of {@link StoreInUseTest}: holds an embedded store the way a running server does ({@code shared}:
 * {@link Store#open}, which serves the file to other processes) or the way a foreign tool does ({@code exclusive}: a
 * plain H2 connection without auto-server), prints {@code ready}, and keeps it until its standard input closes.
 */
public final class HoldStore {
    private HoldStore() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        if (args[1].equals("shared")) {
            try (Store store = Store.open(url, null, null)) {
                store.lab().importLab(TestLabs.shaped(3, 1).build(), Actor.system("holder"));
                hold();
            }
        } else {
            try (Connection connection = DriverManager.getConnection(url)) {
                connection.createStatement().execute("CREATE TABLE IF NOT EXISTS held (id INT)");
                hold();
            }
        }
    }

    private static void hold() throws java.io.IOException {
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to close our input
        }
    }
}
