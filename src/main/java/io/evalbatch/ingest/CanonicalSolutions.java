package io.evalbatch.ingest;

import java.util.List;
import java.util.Optional;

import io.evalbatch.definition.InputFormat;
import io.evalbatch.definition.InputSpec;
import io.evalbatch.definition.ProblemFields;
import io.evalbatch.filter.Sample;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The reference solution of a sample's problem, written as a response would be, so that the
 * run's filter scores it exactly as it scores the model's responses: for human-eval input the
 * problems file's {@code canonical_solution} (a completion of the prompt; after the prompt where the
 * samples are whole programs, as evalplus's solutions are), for lm-eval input the
 * one in the logged document (HumanEval's prefixed with its prompt, as lm-eval's responses are;
 * MBPP's {@code code} as it is).
 */
public final class CanonicalSolutions {

    private final InputSpec input;
    private final ObjectMapper json;
    private ProblemSet problems;

    public CanonicalSolutions(InputSpec input, ObjectMapper json) {
        this.input = input;
        this.json = json;
    }

    /** Empty when the problem has no reference solution. */
    public Optional<String> response(Sample sample) {
        if (input.format() == InputFormat.HUMAN_EVAL || input.format() == InputFormat.EVALPLUS) {
            // A sample without the prompt holds a whole program (evalplus's "solution"): so does its reference.
            return problems().find(sample.docId()).filter(p -> p.canonical() != null)
                    .map(p -> sample.prompt().isEmpty() ? p.prompt() + p.canonical() : p.canonical());
        }
        if (sample.doc() == null) {
            return Optional.empty();
        }
        JsonNode doc;
        try {
            doc = json.readTree(sample.doc());
        } catch (JacksonException e) {
            return Optional.empty();
        }
        ProblemFields fields = input.fields();
        for (String field : fields.canonical() == null ? ProblemFields.DEFAULT_CANONICAL
                : List.of(fields.canonical())) {
            JsonNode value = doc.get(field);
            if (value != null && value.isString()) {
                boolean continuesPrompt = field.equals("canonical_solution") && sample.prompt().isEmpty()
                        && doc.path("prompt").isString();
                return Optional.of(continuesPrompt ? doc.get("prompt").stringValue() + value.stringValue()
                        : value.stringValue());
            }
        }
        return Optional.empty();
    }

    private ProblemSet problems() {
        if (problems == null) {
            problems = ProblemSet.load(input.problems(), input.fields(), json);
        }
        return problems;
    }
}
