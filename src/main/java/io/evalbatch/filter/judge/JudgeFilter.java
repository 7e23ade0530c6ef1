package io.evalbatch.filter.judge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.evalbatch.filter.ErrorCause;
import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Outcome;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.ScoringUnavailableException;
import io.evalbatch.filter.SimulationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks a judge model for each sample's verdict, one chat-completions request per judgment, and
 * reads the rating with FastChat's rule. A rated judgment is {@code passed} with the rating as its
 * score (and field {@code rating}); a reply without a rating is {@code unrated}; a judgment that
 * cannot be had is an {@code error}, never a score. A key the endpoint refuses fails the run.
 */
final class JudgeFilter implements SimulationFilter {

    private final JudgeSettings settings;
    private final MtBenchJudge judge;
    private final OpenAIClient client;
    private final JsonMapper json = JsonMapper.builder().build();

    JudgeFilter(JudgeSettings settings, MtBenchJudge judge) {
        this.settings = settings;
        this.judge = judge;
        this.client = OpenAIOkHttpClient.builder().baseUrl(settings.baseUrl()).apiKey(settings.apiKey())
                .timeout(settings.timeout()).maxRetries(settings.maxRetries()).build();
    }

    @Override
    public FilterResult evaluate(Sample sample) {
        JudgeMessages messages;
        try {
            messages = judge.messages(MtBenchSamples.item(sample, json));
        } catch (IllegalArgumentException e) {
            return FilterResult.error(ErrorCause.INPUT, e.getMessage());
        }
        ChatCompletion completion;
        try {
            completion = client.chat().completions().create(request(settings, messages));
        } catch (UnauthorizedException | PermissionDeniedException e) {
            throw new ScoringUnavailableException("the judge endpoint " + settings.baseUrl() + " refused the key ("
                    + e.statusCode() + "): every judgment would fail");
        } catch (BadRequestException e) {
            return FilterResult.error(ErrorCause.ENDPOINT, "the judge endpoint refused the request (400): "
                    + e.getMessage());
        } catch (OpenAIServiceException e) {
            return FilterResult.error(ErrorCause.ENDPOINT, "the judge endpoint answered " + e.statusCode() + " after "
                    + settings.maxRetries() + " retries: " + e.getMessage());
        } catch (OpenAIIoException e) {
            return FilterResult.error(ErrorCause.ENDPOINT, "the judge endpoint did not answer after "
                    + settings.maxRetries() + " retries: " + e.getMessage());
        }
        String reply = completion.choices().isEmpty() ? "" : completion.choices().get(0).message().content().orElse("");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("judge_prompt", messages.prompt());
        completion.usage().ifPresent(usage -> {
            fields.put("prompt_tokens", usage.promptTokens());
            fields.put("completion_tokens", usage.completionTokens());
        });
        Optional<Double> rating = RatingRule.fastChat(reply);
        if (rating.isEmpty()) {
            return FilterResult.unrated(reply, fields);
        }
        fields.put("rating", rating.get());
        return new FilterResult(Outcome.PASSED, rating.get(), null, reply, fields);
    }

    /** The endpoint's models (GET /models): a request that costs nothing, to see the key is taken. */
    void listModels() {
        client.models().list();
    }

    /** FastChat's request: the system and user messages, temperature and max_tokens, nothing else. */
    static ChatCompletionCreateParams request(JudgeSettings settings, JudgeMessages messages) {
        return ChatCompletionCreateParams.builder().model(settings.model()).addSystemMessage(messages.system())
                .addUserMessage(messages.user()).temperature(settings.temperature())
                .maxTokens(settings.maxTokens()).build();
    }

    /** The request as JSON, for a person to read. */
    static String requestJson(JudgeSettings settings, JudgeMessages messages, JsonMapper json) {
        var request = json.createObjectNode().put("model", settings.model());
        var list = request.putArray("messages");
        list.addObject().put("role", "system").put("content", messages.system());
        list.addObject().put("role", "user").put("content", messages.user());
        request.put("temperature", settings.temperature()).put("max_tokens", settings.maxTokens());
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(request);
    }

    @Override
    public void close() {
        client.close();
    }
}
