package dev.allot.kueue;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Evaluates the {@code x-kubernetes-validations} rules of a CRD as written, with Google's CEL for Java: {@code self} is
 * the value at the rule's place in the object, {@code oldSelf} the same value before an update. Each rule is compiled
 * once. A rule that does not compile or fails to evaluate is an {@link Outcome.Failed} that names the rule, so a
 * changed CRD is never passed silently. Thread-safe.
 */
final class CelRules {
    private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");

    /** What one rule says about one value. */
    sealed interface Outcome {
        /** The rule holds. */
        record Holds() implements Outcome {}

        /** The rule is false for the value. */
        record Breaks() implements Outcome {}

        /** The rule could not be compiled or evaluated; {@code reason} says why. */
        record Failed(String reason) implements Outcome {}
    }

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .addVar("oldSelf", SimpleType.DYN)
            .build();
    private static final CelRuntime RUNTIME =
            CelRuntimeFactory.standardCelRuntimeBuilder().build();

    /** A compiled rule, or why it could not be compiled. */
    private record Compiled(CelRuntime.Program program, String error) {}

    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

    /** Transition rules read {@code oldSelf}; the API server evaluates them only on update, never on create. */
    static boolean isTransitionRule(String rule) {
        return OLD_SELF.matcher(rule).find();
    }

    /** Evaluates {@code rule} with {@code self} (and {@code oldSelf}, or {@code null} on create). */
    Outcome evaluate(String rule, Object self, Object oldSelf) {
        Compiled program = compiled.computeIfAbsent(rule, CelRules::compile);
        if (program.error() != null) {
            return new Outcome.Failed(program.error());
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("self", toCel(self));
        if (oldSelf != null) {
            variables.put("oldSelf", toCel(oldSelf));
        }
        try {
            Object result = program.program().eval(variables);
            if (result instanceof Boolean holds) {
                return holds ? new Outcome.Holds() : new Outcome.Breaks();
            }
            return new Outcome.Failed("evaluates to " + result + ", not a boolean");
        } catch (CelEvaluationException e) {
            return new Outcome.Failed("cannot be evaluated: " + e.getMessage());
        }
    }

    private static Compiled compile(String rule) {
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(rule).getAst();
            return new Compiled(RUNTIME.createProgram(ast), null);
        } catch (CelValidationException | CelEvaluationException e) {
            return new Compiled(
                    null,
                    "does not compile: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** CEL's integers are {@code long}s; objects hold {@code Integer}s. */
    private static Object toCel(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof BigInteger) {
            return ((Number) value).longValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(key, toCel(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(toCel(item)));
            return copy;
        }
        return value;
    }
}
