package dev.allot.store;

/** The store contract on embedded H2, the default database. */
class H2StoreTest extends StoreContract {
    @Override
    Store open() {
        return Databases.h2();
    }
}
