/** Allot server: REST API (and later web UI) over the store. */
package dev.allot.server;
