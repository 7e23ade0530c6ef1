package io.evalbatch.telemetry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import javax.sql.DataSource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * {@code /metrics} (Prometheus text format) and {@code /health} of a long-running service, on
 * the JDK's own HTTP server: the short commands never load a web framework. Read-only; nothing
 * else is served.
 */
public final class MetricsServer implements AutoCloseable {

    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /**
     * @param port 0 for any free port ({@link #port()} tells which)
     * @param database checked by {@code /health}, with a 2 s timeout
     */
    public static MetricsServer start(String host, int port, PrometheusMeterRegistry registry, DataSource database) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        server.createContext("/metrics", exchange -> {
            if (refused(exchange)) {
                return;
            }
            respond(exchange, 200, TEXT_FORMAT, registry.scrape());
        });
        server.createContext("/health", exchange -> {
            if (refused(exchange)) {
                return;
            }
            String problem = databaseProblem(database);
            respond(exchange, problem == null ? 200 : 503, "application/json",
                    problem == null ? "{\"status\":\"UP\"}\n"
                            : "{\"status\":\"DOWN\",\"database\":\"" + problem.replace("\\", "\\\\")
                            .replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", " ") + "\"}\n");
        });
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "metrics-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return new MetricsServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + port() + "/metrics";
    }

    /** Only GET and HEAD of the exact paths. */
    private static boolean refused(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        boolean known = path.equals("/metrics") || path.equals("/health");
        boolean read = exchange.getRequestMethod().equals("GET") || exchange.getRequestMethod().equals("HEAD");
        if (known && read) {
            return false;
        }
        respond(exchange, known ? 405 : 404, "text/plain; charset=utf-8", known ? "GET only\n" : "not found\n");
        return true;
    }

    private static @Nullable String databaseProblem(DataSource database) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            statement.execute("select 1");
            return null;
        } catch (SQLException | RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
