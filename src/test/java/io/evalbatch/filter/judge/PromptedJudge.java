package io.evalbatch.filter.judge;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A chat-completions server (the JDK's own) that knows the exact user messages it is to be sent,
 * each with its reply, as a judge would give it: any other request, or one with a system message,
 * gets 400. It keeps every request it was sent.
 */
final class PromptedJudge implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpServer server;
    private final Map<String, String> replies;
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();

    private PromptedJudge(Map<String, String> replies) {
        this.replies = Map.copyOf(replies);
    }

    /** @param replies each user message the server expects, with its reply */
    static PromptedJudge start(Map<String, String> replies) throws IOException {
        PromptedJudge judge = new PromptedJudge(replies);
        judge.server = ChatServers.start(Map.of("/v1/chat/completions", judge::answer, "/v1/models", exchange -> {
            try (exchange) {
                send(exchange, 200, "{\"object\": \"list\", \"data\": []}");
            }
        }), 8);
        return judge;
    }

    String baseUrl() {
        return ChatServers.baseUrl(server);
    }

    /** How many times each expected message was sent, of those sent at all. */
    List<Integer> askedCounts() {
        return asked.values().stream().map(AtomicInteger::get).toList();
    }

    int refused() {
        return refused.get();
    }

    List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(request);
            JsonNode messages = request.path("messages");
            String user = messages.path(messages.size() - 1).path("content").asString("");
            String reply = replies.get(user);
            if (reply == null || messages.size() != 1 || !"user".equals(messages.path(0).path("role").asString())) {
                refused.incrementAndGet();
                send(exchange, 400, "{\"error\": {\"message\": \"not an expected prompt\", \"type\": "
                        + "\"invalid_request_error\"}}");
                return;
            }
            asked.computeIfAbsent(user, k -> new AtomicInteger()).incrementAndGet();
            send(exchange, 200, ChatServers.completion(request.path("model").asString(), reply, user.length() / 4,
                    reply.length() / 4));
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        ChatServers.send(exchange, status, body);
    }

    @Override
    public void close() {
        ChatServers.stop(server);
    }
}
