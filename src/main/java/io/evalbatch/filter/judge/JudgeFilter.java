package io.evalbatch.filter.judge;

import java.util.LinkedHashMap;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.evalbatch.filter.ErrorCause;
import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Outcome;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.SimulationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks a judge model for each sample's verdict, one chat-completions request per judgment, and
 * reads it with the verdict rule. A verdict's value is the sample's score, and the judgment
 * {@code passed}, or {@code failed} when the value is 0; a reply without a verdict is {@code unrated}; a judgment that cannot be had is an {@code error},
 * never a score. A key the endpoint refuses fails the run.
 */
final class JudgeFilter implements SimulationFilter {

    private final JudgeSettings settings;
    private final JudgeTemplate template;
    private final VerdictRule rule;
    private final OpenAIClient client;
    private final JudgeCall call;
    private final EndpointGate.Registration budget;

    JudgeFilter(JudgeSettings settings, JudgeTemplate template, VerdictRule rule, EndpointGate gate, double share) {
        this.settings = settings;
        this.template = template;
        this.rule = rule;
        this.client = client(settings);
        this.budget = gate.open(settings.budget().share(share));
        this.call = new JudgeCall(client, gate, settings.maxRetries(), settings.backoff(), settings.baseUrl());
    }

    /** A client without retries of its own: {@link JudgeCall} retries, within the budget. */
    static OpenAIClient client(JudgeSettings settings) {
        return OpenAIOkHttpClient.builder().baseUrl(settings.baseUrl()).apiKey(settings.apiKey())
                .timeout(settings.timeout()).maxRetries(0).build();
    }

    @Override
    public FilterResult evaluate(Sample sample) {
        JudgeMessages messages;
        try {
            messages = template.messages(sample);
        } catch (IllegalArgumentException e) {
            return FilterResult.error(ErrorCause.INPUT, e.getMessage());
        }
        JudgeCall.Answer answer = call.ask(request(settings, messages), tokenEstimate(settings, messages));
        ChatCompletion completion = answer.completion();
        if (completion == null) {
            return FilterResult.error(ErrorCause.ENDPOINT, String.valueOf(answer.failure()));
        }
        String reply = completion.choices().isEmpty() ? "" : completion.choices().get(0).message().content().orElse("");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("judge_prompt", messages.prompt());
        completion.usage().ifPresent(usage -> {
            fields.put("prompt_tokens", usage.promptTokens());
            fields.put("completion_tokens", usage.completionTokens());
        });
        Verdict verdict = rule.read(reply);
        fields.putAll(verdict.fields());
        if (verdict.score().isEmpty()) {
            return FilterResult.unrated(reply, fields);
        }
        // A verdict of 0 (Inspect's I, a criterion failed) fails; any other passes with its score.
        double score = verdict.score().getAsDouble();
        return new FilterResult(score == 0 ? Outcome.FAILED : Outcome.PASSED, score, null, reply, fields);
    }

    /**
     * What the endpoint counts against its tokens per minute before it answers, as OpenAI does:
     * the prompt (about four characters a token) and all the completion it may write.
     */
    static int tokenEstimate(JudgeSettings settings, JudgeMessages messages) {
        return messages.length() / 4 + settings.maxTokens();
    }

    /**
     * The messages, temperature and max_tokens (FastChat's request, and Inspect's), and the job's
     * further request parameters as they are.
     */
    static ChatCompletionCreateParams request(JudgeSettings settings, JudgeMessages messages) {
        ChatCompletionCreateParams.Builder request = ChatCompletionCreateParams.builder().model(settings.model());
        if (messages.system() != null) {
            request.addSystemMessage(messages.system());
        }
        request.addUserMessage(messages.user()).temperature(settings.temperature()).maxTokens(settings.maxTokens());
        settings.parameters().forEach((name, value) -> request.putAdditionalBodyProperty(name, JsonValue.from(value)));
        return request.build();
    }

    /** The request as JSON, for a person to read. */
    static String requestJson(JudgeSettings settings, JudgeMessages messages, JsonMapper json) {
        var request = json.createObjectNode().put("model", settings.model());
        var list = request.putArray("messages");
        if (messages.system() != null) {
            list.addObject().put("role", "system").put("content", messages.system());
        }
        list.addObject().put("role", "user").put("content", messages.user());
        request.put("temperature", settings.temperature()).put("max_tokens", settings.maxTokens());
        settings.parameters().forEach((name, value) -> request.set(name, json.valueToTree(value)));
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(request);
    }

    @Override
    public void close() {
        budget.close();
        client.close();
    }
}
