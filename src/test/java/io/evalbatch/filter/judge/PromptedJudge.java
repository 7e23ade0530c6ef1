package io.evalbatch.filter.judge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chat-completions server (the JDK's own) that knows the exact user messages it is to be sent,
 * each with its reply, as a judge would give it: any other request, or one with a system message,
 * gets 400. It keeps every request it was sent.
 */
final class PromptedJudge implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<String, String> replies;
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();

    private PromptedJudge(HttpServer server, Map<String, String> replies) {
        this.server = server;
        this.replies = Map.copyOf(replies);
    }

    /** @param replies each user message the server expects, with its reply */
    static PromptedJudge start(Map<String, String> replies) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        PromptedJudge judge = new PromptedJudge(server, replies);
        server.createContext("/v1/chat/completions", judge::answer);
        server.createContext("/v1/models", exchange -> {
            try (exchange) {
                send(exchange, 200, "{\"object\": \"list\", \"data\": []}");
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        return judge;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
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
            ObjectNode completion = JSON.createObjectNode().put("id", "chatcmpl-prompted").put("object",
                    "chat.completion").put("created", 1).put("model", request.path("model").asString());
            ObjectNode choice = completion.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", reply);
            completion.putObject("usage").put("prompt_tokens", user.length() / 4)
                    .put("completion_tokens", reply.length() / 4).put("total_tokens", (user.length() + reply.length()) / 4);
            send(exchange, 200, JSON.writeValueAsString(completion));
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
