package dev.allot.store;

/** What a lab import changed; importing the same lab twice changes nothing the second time. */
public record ImportSummary(int created, int updated, int deleted, int unchanged) {
    public int changes() {
        return created + updated + deleted;
    }

    @Override
    public String toString() {
        return created + " created, " + updated + " updated, " + deleted + " deleted, " + unchanged + " unchanged";
    }
}
