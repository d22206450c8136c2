/** Allot store: persistence: migrations and repositories (H2, PostgreSQL). */
package dev.allot.store;
