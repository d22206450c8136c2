package dev.allot.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/** The precompiled jte templates (generated from src/main/jte at build time, so no compiler at run time). */
final class Templates {
    /** The templates compile into this package so they can read its package-private view records. */
    static final String PACKAGE = "dev.allot.web";

    private static final TemplateEngine ENGINE =
            TemplateEngine.createPrecompiled(null, ContentType.Html, Templates.class.getClassLoader(), PACKAGE);

    private Templates() {}

    /** Renders the template {@code name} (e.g. "board.jte") with its single parameter {@code model}. */
    static String render(String name, Object model) {
        StringOutput output = new StringOutput(64 * 1024);
        ENGINE.render(name, model, output);
        return output.toString();
    }
}
