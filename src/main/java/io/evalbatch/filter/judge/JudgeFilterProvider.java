package io.evalbatch.filter.judge;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.UnauthorizedException;
import io.evalbatch.definition.FilterSpec;
import io.evalbatch.filter.FilterOption;
import io.evalbatch.filter.FilterProvider;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.ScoringUnavailableException;
import io.evalbatch.filter.SimulationFilter;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code judge} filter: a judge model on any OpenAI-compatible chat-completions endpoint
 * (OpenAI, Azure OpenAI, vLLM, Ollama, llama.cpp's server, a LiteLLM proxy) gives each sample its
 * verdict. The endpoint and the key come from environment variables the job names, never from
 * the job itself, so that no key is stored with a run.
 */
@Component
public class JudgeFilterProvider implements FilterProvider {

    static final String MT_BENCH = "mt-bench";
    static final String MODEL_GRADED_QA = "model-graded-qa";
    static final String MODEL_GRADED_FACT = "model-graded-fact";
    static final String NONE = "none";
    static final FilterOption PRESET = FilterOption.choice("preset", MT_BENCH,
            List.of(MT_BENCH, MODEL_GRADED_QA, MODEL_GRADED_FACT, NONE),
            "mt-bench: FastChat's MT-bench single grading (its prompts, GPT-4 references for math, reasoning and "
                    + "coding, the multi-turn prompts for turn 2, its [[rating]] rule); model-graded-qa, "
                    + "model-graded-fact: Inspect's graders (its template, instructions and GRADE: C/P/I); none: "
                    + "the job's own system and user templates");
    static final FilterOption SYSTEM = FilterOption.text("system", null,
            "with preset none: the system message's template (none sent without it)");
    static final FilterOption USER = FilterOption.text("user", null,
            "the user message's template, with {response}, {target}, {prompt}, {question}, {doc.field.sub} and "
                    + "Inspect's metadata keys as placeholders; required with preset none, Inspect's template "
                    + "replaced with model-graded-*");
    static final FilterOption INSTRUCTIONS = FilterOption.text("instructions", null,
            "with model-graded-*: the {instructions} of the template (default Inspect's, asking for GRADE: C or I)");
    static final FilterOption PARTIAL_CREDIT = FilterOption.flag("partial-credit", false,
            "with model-graded-*: Inspect's instructions offer P (0.5) besides C (1) and I (0)");
    static final String RATING = "rating";
    static final String GRADE = "grade";
    static final String REGEX = "regex";
    static final String LABELS_RULE = "labels";
    static final String JSON_RULE = "json";
    static final FilterOption VERDICT = FilterOption.choice("verdict", null,
            List.of(RATING, GRADE, REGEX, LABELS_RULE, JSON_RULE),
            "how a reply is read: rating (FastChat's [[n]], else [n]), grade (Inspect's last GRADE: X), regex "
                    + "(pattern's group is the score), labels (pattern's group is a label of labels), json (the "
                    + "criteria of a JSON object, each a field, their mean the score); default: the preset's")
            .shownAs("the preset's");
    static final FilterOption PATTERN = FilterOption.text("pattern", null,
            "with verdict regex or labels (or grade, replacing Inspect's): a Java regular expression whose first "
                    + "group is the verdict");
    static final FilterOption LABELS = FilterOption.mapping("labels",
            "with verdict labels: each label's score, e.g. {C: 1, P: 0.5, I: 0}");
    static final FilterOption CRITERIA = FilterOption.texts("criteria", List.of(),
            "with verdict json: the keys of the judge's JSON answer that are read, each a number (or true/false)");
    static final FilterOption PARAMETERS = FilterOption.mapping("parameters",
            "further request parameters, sent as they are (top_p, seed, response_format, ...)");
    static final FilterOption MODEL = FilterOption.text("model", "gpt-4", "the judge model, as the endpoint names it");
    static final FilterOption BASE_URL_ENV = FilterOption.text("base-url-env", "OPENAI_BASE_URL",
            "the environment variable holding the endpoint's base URL (unset: https://api.openai.com/v1)").unkeyed();
    static final FilterOption API_KEY_ENV = FilterOption.text("api-key-env", "OPENAI_API_KEY",
            "the environment variable holding the endpoint's key; the key itself is never written anywhere").unkeyed();
    static final FilterOption TEMPERATURE = FilterOption.number("temperature", 0, 0, true, 2,
            "sampling temperature of the judge");
    static final FilterOption MAX_TOKENS = FilterOption.integer("max-tokens", 2048, 1, 1_000_000,
            "max_tokens of each judgment");
    static final FilterOption TIMEOUT = FilterOption.number("timeout", 120, 0, false, 3600,
            "seconds to wait for one judgment").unkeyed();
    static final FilterOption REQUESTS_PER_MINUTE = FilterOption.number("requests-per-minute", 0, 0, true, 1e7,
            "the run's budget of judgments a minute over all its threads and workers (0: none of its own; the "
                    + "endpoint's x-ratelimit headers are followed either way)").unkeyed();
    static final FilterOption TOKENS_PER_MINUTE = FilterOption.number("tokens-per-minute", 0, 0, true, 1e10,
            "the run's budget of tokens a minute, each judgment counted as its prompt plus max-tokens, as OpenAI "
                    + "counts it (0: none of its own)").unkeyed();
    static final FilterOption MAX_IN_FLIGHT = FilterOption.integer("max-in-flight", 32, 1, 10_000,
            "judgments waiting for the endpoint at once, over all the run's threads (execution.threads bounds "
                    + "them too)").unkeyed();
    static final FilterOption MAX_RETRIES = FilterOption.integer("max-retries", 8, 0, 100,
            "retries of a judgment that failed for a reason that passes (429, 408, 409, 5xx, a timeout, a dropped "
                    + "connection) before it is an error").unkeyed();
    static final FilterOption RETRY_BACKOFF = FilterOption.number("retry-backoff", 1, 0, false, 600,
            "seconds before the first retry, doubled with jitter before each next (at most a minute); a 429 "
                    + "waits what its Retry-After says instead").unkeyed();
    private static final List<FilterOption> OPTIONS = List.of(PRESET, MODEL, SYSTEM, USER, INSTRUCTIONS,
            PARTIAL_CREDIT, VERDICT, PATTERN, LABELS, CRITERIA, BASE_URL_ENV, API_KEY_ENV, TEMPERATURE, MAX_TOKENS,
            PARAMETERS, TIMEOUT, REQUESTS_PER_MINUTE, TOKENS_PER_MINUTE, MAX_IN_FLIGHT, MAX_RETRIES, RETRY_BACKOFF);
    /** Request parameters the filter sets itself, from its own options or not at all. */
    private static final java.util.Set<String> OWN_PARAMETERS = java.util.Set.of("model", "messages", "temperature",
            "max_tokens", "max_completion_tokens", "stream", "n");
    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private final Environment environment;
    private final EndpointGates gates;
    private final JsonMapper json = JsonMapper.builder().build();
    private final MtBenchJudge mtBench = new MtBenchJudge(JudgePrompts.mtBench(json));
    private final InspectGrading inspect = new InspectGrading(json);

    JudgeFilterProvider(Environment environment, EndpointGates gates) {
        this.environment = environment;
        this.gates = gates;
    }

    @Override
    public String name() {
        return "judge";
    }

    @Override
    public String description() {
        return "asks a judge model on an OpenAI-compatible endpoint for each sample's verdict (MT-bench's single "
                + "grading, Inspect's model-graded QA and fact, or the job's own templates and verdict rule)";
    }

    @Override
    public List<FilterOption> options() {
        return OPTIONS;
    }

    /** Bump with any change that can turn a verdict into another; see {@link FilterProvider#version()}. */
    @Override
    public String version() {
        return "1";
    }

    /** The endpoint and the model answer the judgment: another may judge the same messages otherwise. */
    @Override
    public String runtime(FilterSpec spec) {
        return MODEL.text(spec) + " at " + baseUrl(spec);
    }

    @Override
    public Optional<String> billedModel(FilterSpec spec) {
        return Optional.of(MODEL.text(spec));
    }

    /** One judgment takes seconds: a crash should cost few of them. */
    @Override
    public int chunk(FilterSpec spec) {
        return 10;
    }

    @Override
    public void validate(FilterSpec spec) {
        String preset = PRESET.text(spec);
        boolean inspectPreset = preset.equals(MODEL_GRADED_QA) || preset.equals(MODEL_GRADED_FACT);
        if (preset.equals(MT_BENCH)) {
            for (FilterOption own : List.of(SYSTEM, USER, INSTRUCTIONS)) {
                if (own.given(spec)) {
                    throw spec.invalid(own.name(), "preset mt-bench sends FastChat's own prompts; preset: none takes "
                            + "the job's templates");
                }
            }
        }
        if (!inspectPreset) {
            for (FilterOption own : List.of(INSTRUCTIONS, PARTIAL_CREDIT)) {
                if (own.given(spec)) {
                    throw spec.invalid(own.name(), "goes with preset model-graded-qa or model-graded-fact");
                }
            }
        }
        if (inspectPreset && SYSTEM.given(spec)) {
            throw spec.invalid(SYSTEM.name(), "Inspect's graders send one user message; preset: none sends a system "
                    + "message too");
        }
        if (preset.equals(NONE) && !USER.given(spec)) {
            throw spec.invalid(USER.name(), "preset none needs the user message's template, e.g. \"Rate {response} "
                    + "against {target} from 1 to 10 as [[n]]\"");
        }
        for (FilterOption template : List.of(SYSTEM, USER)) {
            String text = template.optionalText(spec);
            if (text != null) {
                try {
                    NamedTemplate.parse(text);
                } catch (IllegalArgumentException e) {
                    throw spec.invalid(template.name(), String.valueOf(e.getMessage()));
                }
            }
        }
        rule(spec);
        parameters(spec);
        key(spec);
    }

    /**
     * One request that costs nothing, before the run: the endpoint's list of models. A key it
     * refuses (401, 403) refuses the run, since every judgment would fail; an endpoint without the
     * list (404) or any other answer passes; one that cannot be reached leaves the run to fail at
     * its first judgments, restartable once it is back.
     */
    @Override
    public void preflight(FilterSpec spec, Supplier<List<Sample>> problems) {
        JudgeSettings settings = settings(spec);
        var client = JudgeFilter.client(settings);
        try {
            client.models().list();
        } catch (UnauthorizedException | PermissionDeniedException e) {
            throw spec.invalid("api-key-env", "the judge endpoint " + settings.baseUrl() + " refused the key in "
                    + API_KEY_ENV.text(spec) + " (" + e.statusCode() + "): every judgment would fail");
        } catch (OpenAIServiceException e) {
            // An endpoint without /models (404) or another answer: the key was not refused.
        } catch (OpenAIIoException e) {
            throw new ScoringUnavailableException("the judge endpoint " + settings.baseUrl() + " cannot be reached: "
                    + e.getMessage());
        } finally {
            client.close();
        }
    }

    @Override
    public SimulationFilter create(FilterSpec spec) {
        return create(spec, 1);
    }

    /** A filter with {@code share} of the run's budget, for a process scoring that part of its partitions. */
    @Override
    public SimulationFilter create(FilterSpec spec, double share) {
        JudgeSettings settings = settings(spec);
        return new JudgeFilter(settings, template(spec), rule(spec), gates.gate(settings.baseUrl(), settings.model()),
                share);
    }

    @Override
    public Optional<String> program(FilterSpec spec, Sample sample) {
        try {
            return Optional.of(JudgeFilter.requestJson(settings(spec), template(spec).messages(sample), json));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private JudgeTemplate template(FilterSpec spec) {
        String preset = PRESET.text(spec);
        if (preset.equals(MT_BENCH)) {
            return sample -> mtBench.messages(MtBenchSamples.item(sample, json));
        }
        String userText = USER.optionalText(spec);
        NamedTemplate user = NamedTemplate.parse(userText != null ? userText : inspect.template(preset));
        if (preset.equals(NONE)) {
            String systemText = SYSTEM.optionalText(spec);
            NamedTemplate system = systemText == null ? null : NamedTemplate.parse(systemText);
            return sample -> {
                SampleValues values = new SampleValues(sample, java.util.Map.of(), text -> text, json);
                return new JudgeMessages(NONE, system == null ? null : system.fill(values), user.fill(values));
            };
        }
        String instructions = INSTRUCTIONS.optionalText(spec);
        java.util.Map<String, String> given = java.util.Map.of("instructions", instructions != null ? instructions
                : inspect.instructions(PARTIAL_CREDIT.flag(spec)));
        return sample -> new JudgeMessages(preset, null,
                user.fill(new SampleValues(sample, given, InspectGrading::neutralize, json)));
    }

    /** How replies are read: the job's verdict rule, else the preset's. */
    private VerdictRule rule(FilterSpec spec) {
        String preset = PRESET.text(spec);
        String verdict = VERDICT.optionalText(spec);
        if (verdict == null) {
            verdict = preset.equals(MODEL_GRADED_QA) || preset.equals(MODEL_GRADED_FACT) ? GRADE : RATING;
        }
        String pattern = PATTERN.optionalText(spec);
        java.util.regex.Pattern compiled = null;
        if (pattern != null) {
            try {
                compiled = java.util.regex.Pattern.compile(pattern);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw spec.invalid(PATTERN.name(), "not a regular expression: " + e.getDescription());
            }
        }
        if ((verdict.equals(REGEX) || verdict.equals(LABELS_RULE)) && compiled == null) {
            throw spec.invalid(PATTERN.name(), "verdict " + verdict + " needs a pattern whose first group is the "
                    + (verdict.equals(REGEX) ? "score, e.g. \"Score: (\\d+)\"" : "label, e.g. \"GRADE: ([CPI])\""));
        }
        if (pattern != null && (verdict.equals(RATING) || verdict.equals(JSON_RULE))) {
            throw spec.invalid(PATTERN.name(), "goes with verdict regex, labels or grade, not " + verdict);
        }
        if (LABELS.given(spec) != verdict.equals(LABELS_RULE)) {
            throw spec.invalid(LABELS.name(), verdict.equals(LABELS_RULE) ? "verdict labels needs each label's score, "
                    + "e.g. {C: 1, P: 0.5, I: 0}" : "goes with verdict labels");
        }
        if (CRITERIA.given(spec) != verdict.equals(JSON_RULE) || verdict.equals(JSON_RULE) && CRITERIA.texts(spec).isEmpty()) {
            throw spec.invalid(CRITERIA.name(), verdict.equals(JSON_RULE) ? "verdict json needs the criteria to read, "
                    + "e.g. [accuracy, helpfulness]" : "goes with verdict json");
        }
        return switch (verdict) {
            case GRADE -> new InspectGrade(pattern, !INSTRUCTIONS.given(spec), PARTIAL_CREDIT.flag(spec));
            case REGEX -> PatternVerdicts.number(java.util.Objects.requireNonNull(compiled));
            case LABELS_RULE -> PatternVerdicts.labels(java.util.Objects.requireNonNull(compiled), labels(spec));
            case JSON_RULE -> new JsonCriteria(CRITERIA.texts(spec), json);
            default -> RatingRule.verdicts();
        };
    }

    private static java.util.Map<String, Double> labels(FilterSpec spec) {
        java.util.Map<String, Double> labels = new java.util.LinkedHashMap<>();
        if (spec.options().get(LABELS.name()) instanceof java.util.Map<?, ?> given) {
            for (var label : given.entrySet()) {
                if (!(label.getValue() instanceof Number score) || !Double.isFinite(score.doubleValue())) {
                    throw spec.invalid(LABELS.name() + "." + label.getKey(), "must be a number (the label's score), "
                            + "not " + label.getValue());
                }
                labels.put(String.valueOf(label.getKey()), score.doubleValue());
            }
        }
        if (labels.isEmpty()) {
            throw spec.invalid(LABELS.name(), "needs at least one label and its score");
        }
        return labels;
    }

    private static java.util.Map<String, Object> parameters(FilterSpec spec) {
        if (!(spec.options().get(PARAMETERS.name()) instanceof java.util.Map<?, ?> given)) {
            return java.util.Map.of();
        }
        java.util.Map<String, Object> parameters = new java.util.TreeMap<>();
        for (var parameter : given.entrySet()) {
            String name = String.valueOf(parameter.getKey());
            if (OWN_PARAMETERS.contains(name)) {
                throw spec.invalid(PARAMETERS.name() + "." + name, "is set by the filter (model, temperature and "
                        + "max-tokens are its options)");
            }
            parameters.put(name, parameter.getValue());
        }
        return parameters;
    }

    JudgeSettings settings(FilterSpec spec) {
        return new JudgeSettings(baseUrl(spec), key(spec), MODEL.text(spec), TEMPERATURE.number(spec),
                MAX_TOKENS.integer(spec), seconds(TIMEOUT.number(spec)),
                new JudgeBudget(REQUESTS_PER_MINUTE.number(spec), TOKENS_PER_MINUTE.number(spec),
                        MAX_IN_FLIGHT.integer(spec)), MAX_RETRIES.integer(spec), seconds(RETRY_BACKOFF.number(spec)),
                parameters(spec));
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private String baseUrl(FilterSpec spec) {
        String url = environment.getProperty(BASE_URL_ENV.text(spec));
        return url == null || url.isBlank() ? DEFAULT_BASE_URL : url.strip();
    }

    private String key(FilterSpec spec) {
        String variable = API_KEY_ENV.text(spec);
        String key = environment.getProperty(variable);
        if (key == null || key.isBlank()) {
            throw spec.invalid("api-key-env", "the environment has no " + variable + ": set it to the judge endpoint's "
                    + "key (any text for an endpoint that takes none)");
        }
        return key.strip();
    }
}
