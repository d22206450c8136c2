package dev.allot.core.model;

/**
 * A constraint that holds with no slack at a project's grant, i.e. one that shaped it.
 *
 * @param code stable machine name, e.g. {@code capacity:H100}, {@code ceiling}, {@code continuity:max-shrink},
 *     {@code share-max:product}, {@code relation:exploratory>=product}, {@code pin}
 * @param text the same in words a project lead understands
 */
public record Binding(String code, String text) {
    public Binding {
        Checks.present(code, "code");
        Checks.present(text, "text");
    }
}
