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

    static final FilterOption PRESET = FilterOption.choice("preset", "mt-bench", List.of("mt-bench"),
            "mt-bench: FastChat's MT-bench single grading (its prompts, GPT-4 references for math, reasoning and "
                    + "coding, the multi-turn prompts for turn 2, its [[rating]] rule)");
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
    private static final List<FilterOption> OPTIONS = List.of(PRESET, MODEL, BASE_URL_ENV, API_KEY_ENV, TEMPERATURE,
            MAX_TOKENS, TIMEOUT, REQUESTS_PER_MINUTE, TOKENS_PER_MINUTE, MAX_IN_FLIGHT, MAX_RETRIES, RETRY_BACKOFF);
    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private final Environment environment;
    private final EndpointGates gates;
    private final JsonMapper json = JsonMapper.builder().build();
    private final MtBenchJudge mtBench = new MtBenchJudge(JudgePrompts.mtBench(json));

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
                + "grading)";
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
        return sample -> mtBench.messages(MtBenchSamples.item(sample, json));
    }

    private VerdictRule rule(FilterSpec spec) {
        return RatingRule.verdicts();
    }

    JudgeSettings settings(FilterSpec spec) {
        return new JudgeSettings(baseUrl(spec), key(spec), MODEL.text(spec), TEMPERATURE.number(spec),
                MAX_TOKENS.integer(spec), seconds(TIMEOUT.number(spec)),
                new JudgeBudget(REQUESTS_PER_MINUTE.number(spec), TOKENS_PER_MINUTE.number(spec),
                        MAX_IN_FLIGHT.integer(spec)), MAX_RETRIES.integer(spec), seconds(RETRY_BACKOFF.number(spec)));
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
