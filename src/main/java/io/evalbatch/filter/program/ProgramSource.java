package io.evalbatch.filter.program;

import java.util.List;
import java.util.Map;

import io.evalbatch.filter.Placeholders;
import io.evalbatch.filter.Sample;

/**
 * How a sample becomes the program to run: the code taken from the response (all of it, its
 * fenced block, or SandboxFusion's choice of block), cut at the problem's stop tokens when asked,
 * and put into a template; or the whole MultiPL-E rule ({@code preset: multipl-e}).
 *
 * @param preset     "multipl-e", or null
 * @param extract    none, fenced or sandboxfusion
 * @param stopTokens whether to cut the code at the first of the problem's stop tokens
 * @param template   placeholders {prompt}, {response}, {tests} (or {test}) and {entry_point},
 *                   replaced in one pass so that braces in a response are left alone
 */
record ProgramSource(String preset, String extract, boolean stopTokens, String template) {

    static final List<String> PLACEHOLDERS = List.of("{prompt}", "{response}", "{tests}", "{test}", "{entry_point}");
    /** MultiPL-E's program: prompt + completion + "\n" + tests. */
    static final String UNIT_TEMPLATE = "{prompt}{response}\n{tests}";
    /** A stdin/stdout program is the code alone. */
    static final String IO_TEMPLATE = "{response}";

    String program(Sample sample, String language, List<String> problemStopTokens) {
        if ("multipl-e".equals(preset)) {
            return MultiplEProgram.build(language, sample.response(), problemStopTokens, sample.test());
        }
        String code = switch (extract) {
            case "fenced" -> CodeExtraction.fenced(sample.response(), language);
            case "sandboxfusion" -> CodeExtraction.sandboxFusion(sample.response(),
                    CodeExtraction.sandboxFusionName(language));
            default -> sample.response();
        };
        if (stopTokens) {
            code = CodeExtraction.stopAt(code, problemStopTokens);
        }
        return render(sample, code);
    }

    private String render(Sample sample, String code) {
        return Placeholders.render(template, Map.of("{prompt}", sample.prompt(), "{response}", code,
                "{tests}", sample.test(), "{test}", sample.test(),
                "{entry_point}", sample.entryPoint() == null ? "" : sample.entryPoint()));
    }
}
