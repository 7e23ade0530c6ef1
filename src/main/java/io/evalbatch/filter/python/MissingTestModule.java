package io.evalbatch.filter.python;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.evalbatch.filter.Sample;

/**
 * A module that the problem (its prompt or tests) imports and this Python cannot: the environment
 * failed, not the answer, so the sample is an {@code error}, not {@code failed}. A module that only
 * the model's response imports stays the response's failure: a model may not use what the
 * benchmark does not provide.
 */
final class MissingTestModule {

    private static final Pattern NOT_FOUND = Pattern.compile("No module named '([A-Za-z_][\\w.]*)'");

    private MissingTestModule() {
    }

    /** The missing module, when the failure is one the problem's own imports caused. */
    static Optional<String> of(Sample sample, String detail) {
        Matcher missing = NOT_FOUND.matcher(detail);
        if (!missing.find()) {
            return Optional.empty();
        }
        String module = missing.group(1);
        String top = Pattern.quote(module.split("\\.", 2)[0]);
        Pattern imports = Pattern.compile("(?m)^\\s*(?:import\\s+(?:[\\w.]+\\s*,\\s*)*" + top + "\\b|from\\s+" + top
                + "\\b[\\w.]*\\s+import\\b)");
        boolean problemImports = imports.matcher(sample.test()).find() || imports.matcher(sample.prompt()).find();
        return problemImports && !imports.matcher(sample.response()).find() ? Optional.of(module) : Optional.empty();
    }
}
