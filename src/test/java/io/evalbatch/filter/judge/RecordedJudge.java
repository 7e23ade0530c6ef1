package io.evalbatch.filter.judge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.evalbatch.support.ReferenceData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chat-completions server (the JDK's own HTTP server) that replays the judgments FastChat
 * recorded: a request whose system and user messages are a recorded pair byte for byte, with
 * FastChat's temperature 0 and max_tokens 2048, gets the recorded reply; any other gets 400. It
 * counts the requests for each pair, and the keys it was sent.
 */
final class RecordedJudge implements AutoCloseable {

    static final Path JUDGMENTS = ReferenceData.ROOT.resolve("judge/mt-bench/gpt-4_single.jsonl.gz");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    /** System and user message, joined by a NUL, to the recorded reply. */
    private final Map<String, String> replies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final Map<String, Boolean> keys = new ConcurrentHashMap<>();
    /** The only key taken, when set: any other gets 401, as OpenAI answers a wrong key. */
    private volatile String onlyKey;
    /** While not 0, every request is answered with this status, as an endpoint that is down. */
    private volatile int failing;
    /** Replies given instead of the recorded ones, by the recorded reply they replace. */
    private final Map<String, String> replaced = new ConcurrentHashMap<>();

    private RecordedJudge(HttpServer server) {
        this.server = server;
    }

    static RecordedJudge start() throws IOException {
        Map<String, JudgePrompt> prompts = JudgePrompts.mtBench(JSON);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        RecordedJudge judge = new RecordedJudge(server);
        for (JsonNode row : ReferenceData.jsonLines(JUDGMENTS)) {
            String system = prompts.get(row.get("judge").get(1).stringValue()).systemPrompt();
            judge.replies.put(system + "\u0000" + row.get("user_prompt").stringValue(), row.get("judgment").stringValue());
        }
        server.createContext("/v1/chat/completions", judge::answer);
        server.createContext("/v1/models", judge::models);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        return judge;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** How many times each recorded pair was asked, of those asked at all. */
    List<Integer> askedCounts() {
        return asked.values().stream().map(AtomicInteger::get).toList();
    }

    /** Takes only this key from now on. */
    void onlyKey(String key) {
        onlyKey = key;
    }

    /** Answers every request with {@code status} from now on; 0 answers again. */
    void failWith(int status) {
        failing = status;
    }

    /** Replies {@code reply} where the recorded reply was {@code recorded}. */
    void replace(String recorded, String reply) {
        replaced.put(recorded, reply);
    }

    int refused() {
        return refused.get();
    }

    java.util.Set<String> keys() {
        return keys.keySet();
    }

    private void models(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!keyTaken(exchange)) {
                return;
            }
            send(exchange, 200, "{\"object\": \"list\", \"data\": [{\"id\": \"gpt-4\", \"object\": \"model\", "
                    + "\"created\": 1, \"owned_by\": \"openai\"}]}");
        }
    }

    /** Records the key; answers 401 and says false when it is not the only key taken. */
    private boolean keyTaken(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String key = authorization == null ? "" : authorization.replaceFirst("^Bearer ", "");
        keys.put(key, true);
        if (onlyKey != null && !onlyKey.equals(key)) {
            send(exchange, 401, "{\"error\": {\"message\": \"Incorrect API key provided\", \"type\": "
                    + "\"invalid_request_error\", \"code\": \"invalid_api_key\"}}");
            return false;
        }
        return true;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!keyTaken(exchange)) {
                return;
            }
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            if (failing != 0) {
                send(exchange, failing, "{\"error\": {\"message\": \"the judge is down\", \"type\": \"server_error\"}}");
                return;
            }
            JsonNode messages = request.path("messages");
            String pair = messages.path(0).path("content").asString("") + "\u0000"
                    + messages.path(1).path("content").asString("");
            String recorded = replies.get(pair);
            String reply = recorded == null ? null : replaced.getOrDefault(recorded, recorded);
            boolean fastChatsRequest = messages.size() == 2 && "system".equals(messages.path(0).path("role").asString())
                    && request.path("temperature").asDouble(-1) == 0.0 && request.path("max_tokens").asInt() == 2048;
            if (reply == null || !fastChatsRequest) {
                refused.incrementAndGet();
                send(exchange, 400, "{\"error\": {\"message\": \"not a recorded judgment\", \"type\": "
                        + "\"invalid_request_error\"}}");
                return;
            }
            asked.computeIfAbsent(pair, k -> new AtomicInteger()).incrementAndGet();
            ObjectNode completion = JSON.createObjectNode().put("id", "chatcmpl-replay").put("object", "chat.completion")
                    .put("created", 1).put("model", request.path("model").asString());
            ObjectNode choice = completion.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", reply);
            completion.putObject("usage").put("prompt_tokens", pair.length() / 4).put("completion_tokens",
                    reply.length() / 4).put("total_tokens", (pair.length() + reply.length()) / 4);
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
