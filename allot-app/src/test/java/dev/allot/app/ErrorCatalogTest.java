package dev.allot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.core.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every error code thrown anywhere is in the registry ({@link ErrorCode}), and docs/errors.md is the registry. */
class ErrorCatalogTest {
    /** The ways a code is written at a throw site: the exception's code argument, invalid(...), a code constant. */
    /**
     * The ways a code is written at a throw site: the exception's code argument, {@code AllotException.invalid}, a
     * code constant. A code built at run time ({@code "slurm." + tool + ".output"}) is registered by hand.
     */
    private static final List<Pattern> CODE_SITES = List.of(
            Pattern.compile(
                    "new AllotException\\(\\s*(?!ErrorCode\\.)(?:AllotException\\.)?(?:Kind\\.)?[A-Za-z_.()]+,\\s*\"([^\"]+)\"\\s*,"),
            Pattern.compile("(?:AllotException\\.|(?<![\\w.]))invalid\\(\\s*\"([^\"]+)\"\\s*,"),
            Pattern.compile("static final String (?:CODE|INVALID|UNAUTHENTICATED) = \"([^\"]+)\""));

    @Test
    void everyCodeThrownAnywhereIsRegistered() throws IOException {
        Map<String, String> unregistered = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root())) {
            for (Path file : files.filter(
                            f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/"))
                    .toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                for (Pattern site : CODE_SITES) {
                    Matcher match = site.matcher(text);
                    while (match.find()) {
                        if (ErrorCode.of(match.group(1)).isEmpty()) {
                            unregistered.put(
                                    match.group(1), root().relativize(file).toString());
                        }
                    }
                }
            }
        }
        assertThat(unregistered)
                .as("codes thrown but missing from dev.allot.core.ErrorCode (add them there, then regenerate"
                        + " docs/errors.md from this test's expectation)")
                .isEmpty();
    }

    @Test
    void theErrorsDocumentIsTheRegistry() throws IOException {
        Path document = root().resolve("docs/errors.md");
        if (Boolean.getBoolean("allot.writeErrorsDoc")) {
            Files.writeString(document, document(), StandardCharsets.UTF_8);
        }

        assertThat(Files.readString(document, StandardCharsets.UTF_8))
                .as(
                        "docs/errors.md is generated from ErrorCode; regenerate it with ./mvnw -pl allot-app -am test"
                                + " -Dtest=ErrorCatalogTest -Dsurefire.failIfNoSpecifiedTests=false -Dallot.writeErrorsDoc=true")
                .isEqualTo(document());
    }

    /** The catalogue as docs/errors.md holds it, in the registry's order. */
    static String document() {
        StringBuilder text = new StringBuilder("""
                # Error codes

                Every error Allot reports carries one of these stable codes: the REST API in the `code` of its
                RFC 9457 problem body (with the HTTP status below), the command line in its one-line message (exit
                code by kind), the web UI next to the field or at the top of the page. The table is generated from
                `dev.allot.core.ErrorCode`; `ErrorCatalogTest` fails when they differ or when a code is thrown that
                the registry lacks. A validation error lists each problem with its own rule code (for example
                `ask-floor-above-target`) besides the error's code (`validation-failed`, `LAB_INVALID`).

                | code | kind | HTTP | message | hint |
                | --- | --- | --- | --- | --- |
                """);
        for (ErrorCode code : ErrorCode.values()) {
            text.append("| `")
                    .append(code.code())
                    .append("` | ")
                    .append(code.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .append(" | ")
                    .append(code.httpStatus())
                    .append(" | ")
                    .append(code.messageTemplate().replace("|", "\\|"))
                    .append(" | ")
                    .append(code.hint().replace("|", "\\|"))
                    .append(" |\n");
        }
        return text.toString();
    }

    private static Path root() {
        Path docs = DocsExamplesTest.docs();
        return docs.getParent();
    }

    static {
        if (!Files.isDirectory(DocsExamplesTest.docs())) {
            throw new UncheckedIOException(new IOException("docs/ not found"));
        }
    }
}
