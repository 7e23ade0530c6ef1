package io.evalbatch.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What FastChat's {@code gen_judgment.py --parallel N} does: a pool of N threads, each sending its
 * next judgment as soon as the last is answered, and after a failed one sleeping
 * {@code API_RETRY_SLEEP} (10 s) before trying again — no budget shared between the threads and
 * no reading of the endpoint's headers.
 */
final class PlainPool {

    static final Duration RETRY_SLEEP = Duration.ofSeconds(10);

    /** What the pool met. */
    record Outcome(double seconds, long tooManyRequests) {
    }

    private PlainPool() {
    }

    static Outcome judge(String baseUrl, int judgments, int threads) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        AtomicLong next = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        String body = "{\"model\": \"bench-judge\", \"messages\": [{\"role\": \"user\", \"content\": \"Rate this.\"}], "
                + "\"temperature\": 0, \"max_tokens\": 2048}";
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            java.util.List<Future<?>> running = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    while (next.getAndIncrement() < judgments) {
                        while (true) {
                            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                            URI.create(baseUrl + "/chat/completions"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() == 200) {
                                break;
                            }
                            refused.incrementAndGet();
                            Thread.sleep(RETRY_SLEEP.toMillis());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> thread : running) {
                thread.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome((System.nanoTime() - start) / 1e9, refused.get());
    }
}
