package dev.allot.store;

/** The store contract on a real PostgreSQL (embedded binaries, no service needed). */
class PostgresStoreIT extends StoreContract {
    @Override
    Store open() {
        return Databases.postgres();
    }
}
