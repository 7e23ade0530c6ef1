package io.evalbatch.filter.judge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.evalbatch.support.ReferenceData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A chat-completions server (the JDK's own HTTP server) that replays the judgments FastChat
 * recorded: a request whose system and user messages are a recorded pair byte for byte, with
 * FastChat's temperature 0 and max_tokens 2048, gets the recorded reply; any other gets 400. It
 * counts the requests for each pair, and the keys it was sent.
 *
 * <p>It can also misbehave as endpoints do: fail the first try of every judgment in turn with a
 * 429 (with Retry-After), a 500, a reply slower than the client waits, or a dropped connection;
 * limit the requests it takes per second, answering 429 beyond it and advertising the limit per
 * minute in OpenAI's x-ratelimit headers; and hold everyone off after one 429. It records when each
 * request arrived, so that a test can see that a limit or a pause was kept.
 */
final class RecordedJudge implements AutoCloseable {

    static final Path JUDGMENTS = ReferenceData.ROOT.resolve("judge/mt-bench/gpt-4_single.jsonl.gz");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpServer server;
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
    /** How the first try of each judgment fails, in turn; empty: it does not. */
    private volatile List<Fault> faults = List.of();
    private final Map<String, Boolean> faulted = new ConcurrentHashMap<>();
    private final AtomicInteger faultTurn = new AtomicInteger();
    /** Requests taken in any second, when above 0; the limit per minute is advertised as 60 times it. */
    private volatile int perSecond;
    private volatile boolean advertise;
    /** The request (counted from 1) answered 429 with a Retry-After of {@link #pauseSeconds}, when above 0. */
    private volatile int pauseAt;
    private volatile double pauseSeconds;
    private volatile long pausedAtNanos;
    private final List<Long> arrivals = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final AtomicInteger limited = new AtomicInteger();

    /** Ways an endpoint fails a request that a later try gets through. */
    enum Fault { RATE_LIMITED, SERVER_ERROR, SLOW, DROPPED }

    /** Delay of a {@link Fault#SLOW} reply. */
    static final long SLOW_MILLIS = 900;

    private RecordedJudge() {
    }

    static RecordedJudge start() throws IOException {
        Map<String, JudgePrompt> prompts = JudgePrompts.mtBench(JSON);
        RecordedJudge judge = new RecordedJudge();
        for (JsonNode row : ReferenceData.jsonLines(JUDGMENTS)) {
            String system = prompts.get(row.get("judge").get(1).stringValue()).systemPrompt();
            judge.replies.put(system + "\u0000" + row.get("user_prompt").stringValue(), row.get("judgment").stringValue());
        }
        judge.server = ChatServers.start(Map.of("/v1/chat/completions", judge::answer, "/v1/models", judge::models), 32);
        return judge;
    }

    String baseUrl() {
        return ChatServers.baseUrl(server);
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

    /** Fails the first try of every judgment from now on, with each fault in turn. */
    void faultFirstTries(List<Fault> faults) {
        this.faults = List.copyOf(faults);
    }

    /** Takes at most {@code perSecond} requests in any second, answering 429 beyond; advertises it when asked. */
    void limit(int perSecond, boolean advertise) {
        this.perSecond = perSecond;
        this.advertise = advertise;
    }

    /** Answers the {@code request}-th request with a 429 and a Retry-After of {@code seconds}. */
    void pauseAt(int request, double seconds) {
        this.pauseSeconds = seconds;
        this.pauseAt = request;
    }

    /** When each request to chat completions arrived, by System.nanoTime, in order. */
    List<Long> arrivals() {
        synchronized (arrivals) {
            return arrivals.stream().sorted().toList();
        }
    }

    /** When the 429 of {@link #pauseAt} was sent, by System.nanoTime. */
    long pausedAt() {
        return pausedAtNanos;
    }

    /** 429s sent because a limit per second was exceeded. */
    int limited() {
        return limited.get();
    }

    /** The most requests that arrived within any {@code window}. */
    int mostWithin(java.time.Duration window) {
        List<Long> times = arrivals();
        int most = 0;
        for (int first = 0, last = 0; last < times.size(); last++) {
            while (times.get(last) - times.get(first) >= window.toNanos()) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
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
            long now = System.nanoTime();
            int number;
            synchronized (arrivals) {
                arrivals.add(now);
                number = arrivals.size();
            }
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            if (number == pauseAt) {
                pausedAtNanos = System.nanoTime();
                exchange.getResponseHeaders().add("Retry-After", Double.toString(pauseSeconds));
                send(exchange, 429, "{\"error\": {\"message\": \"Rate limit reached\", \"type\": \"requests\"}}");
                return;
            }
            if (perSecond > 0) {
                int inLastSecond = 0;
                synchronized (arrivals) {
                    for (long arrival : arrivals) {
                        inLastSecond += now - arrival < 1_000_000_000L ? 1 : 0;
                    }
                }
                if (advertise) {
                    exchange.getResponseHeaders().add("x-ratelimit-limit-requests", Integer.toString(perSecond * 60));
                    exchange.getResponseHeaders().add("x-ratelimit-remaining-requests",
                            Integer.toString(Math.max(0, perSecond - inLastSecond) * 60));
                    exchange.getResponseHeaders().add("x-ratelimit-reset-requests", "1s");
                }
                if (inLastSecond > perSecond) {
                    limited.incrementAndGet();
                    exchange.getResponseHeaders().add("Retry-After", "1");
                    send(exchange, 429, "{\"error\": {\"message\": \"Rate limit reached for requests\", "
                            + "\"type\": \"requests\", \"code\": \"rate_limit_exceeded\"}}");
                    return;
                }
            }
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
            if (!faults.isEmpty() && faulted.putIfAbsent(pair, true) == null) {
                fail(exchange, faults.get(faultTurn.getAndIncrement() % faults.size()));
                return;
            }
            asked.computeIfAbsent(pair, k -> new AtomicInteger()).incrementAndGet();
            send(exchange, 200, ChatServers.completion(request.path("model").asString(), reply, pair.length() / 4,
                    reply.length() / 4));
        }
    }

    private static void fail(HttpExchange exchange, Fault fault) throws IOException {
        switch (fault) {
            case RATE_LIMITED -> {
                exchange.getResponseHeaders().add("Retry-After", "0.2");
                send(exchange, 429, "{\"error\": {\"message\": \"Rate limit reached\", \"type\": \"requests\"}}");
            }
            case SERVER_ERROR -> send(exchange, 500, "{\"error\": {\"message\": \"The server had an error\", "
                    + "\"type\": \"server_error\"}}");
            case SLOW -> {
                try {
                    Thread.sleep(SLOW_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                // The client stopped waiting: whatever is sent now is lost.
                send(exchange, 200, "{}");
            }
            case DROPPED -> {
                // Closing the exchange before any status line drops the connection.
            }
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
