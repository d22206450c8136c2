package dev.allot.web;

/**
 * What the layout needs on every page: who is signed in (null on the sign-in page), the form token, which navigation
 * entry is current, and the cycle asked for in the URL (null for the current one).
 */
record Page(Rights rights, String csrf, String active, String cycle) {
    boolean signedIn() {
        return rights != null;
    }

    /** "?cycle=..." when the page shows a cycle named in the URL, else "" (the newest cycle). */
    String cycleQuery() {
        return cycle == null ? "" : "?cycle=" + cycle;
    }

    boolean is(String entry) {
        return entry.equals(active);
    }
}
