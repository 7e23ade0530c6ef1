package io.evalbatch.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A chat-completions endpoint as a rate-limited provider serves one: every answer takes a fixed
 * latency, at most {@code perMinute} requests are taken in any 60 seconds (a sliding window, as
 * strict as the limit it states), and beyond that a 429 with Retry-After; OpenAI's
 * {@code x-ratelimit-*} headers tell the limit, what is left and when the window has room. Each
 * judgment is answered {@code [[7]]}. It counts what it took and refused, and the most requests
 * it saw in any minute.
 */
final class LimitedEndpoint implements AutoCloseable {

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final long latencyMs;
    private final int perMinute;
    /** Arrival times of the requests taken, in the last minute. */
    private final Deque<Long> window = new ArrayDeque<>();
    private final List<Long> taken = new ArrayList<>();
    private final AtomicLong refused = new AtomicLong();

    /** @param perMinute the limit; 0 for none */
    LimitedEndpoint(long latencyMs, int perMinute) throws IOException {
        this.latencyMs = latencyMs;
        this.perMinute = perMinute;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.createContext("/v1/chat/completions", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    synchronized long taken() {
        return taken.size();
    }

    long refused() {
        return refused.get();
    }

    /** The most requests taken within any 60 seconds. */
    synchronized int mostInAMinute() {
        int most = 0;
        for (int first = 0, last = 0; last < taken.size(); last++) {
            while (taken.get(last) - taken.get(first) >= MINUTE) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    synchronized void reset() {
        window.clear();
        taken.clear();
        refused.set(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            long now = System.nanoTime();
            long left;
            long resetNanos;
            boolean take;
            synchronized (this) {
                while (!window.isEmpty() && now - window.peekFirst() >= MINUTE) {
                    window.removeFirst();
                }
                take = perMinute == 0 || window.size() < perMinute;
                if (take) {
                    window.addLast(now);
                    taken.add(now);
                }
                left = perMinute == 0 ? 0 : perMinute - window.size();
                resetNanos = window.isEmpty() ? 0 : MINUTE - (now - window.peekFirst());
            }
            if (perMinute > 0) {
                var headers = exchange.getResponseHeaders();
                headers.add("x-ratelimit-limit-requests", Integer.toString(perMinute));
                headers.add("x-ratelimit-remaining-requests", Long.toString(left));
                headers.add("x-ratelimit-reset-requests", String.format(Locale.ROOT, "%.3fs", resetNanos / 1e9));
            }
            if (!take) {
                refused.incrementAndGet();
                exchange.getResponseHeaders().add("Retry-After",
                        Long.toString(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(resetNanos) + 1)));
                send(exchange, 429, "{\"error\": {\"message\": \"Rate limit reached for requests\", \"type\": "
                        + "\"requests\", \"code\": \"rate_limit_exceeded\"}}");
                return;
            }
            try {
                Thread.sleep(latencyMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            send(exchange, 200, "{\"id\": \"chatcmpl-bench\", \"object\": \"chat.completion\", \"created\": 1, "
                    + "\"model\": \"bench-judge\", \"choices\": [{\"index\": 0, \"finish_reason\": \"stop\", "
                    + "\"message\": {\"role\": \"assistant\", \"content\": \"Rating: [[7]]\"}}], "
                    + "\"usage\": {\"prompt_tokens\": 120, \"completion_tokens\": 6, \"total_tokens\": 126}}");
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
        threads.shutdownNow();
    }
}
