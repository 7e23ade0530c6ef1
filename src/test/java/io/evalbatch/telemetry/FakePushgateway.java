package io.evalbatch.telemetry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server on loopback that takes pushes as a Prometheus Pushgateway does (PUT or POST to
 * /metrics/job/...), answering 200, and keeps what it was sent.
 */
public final class FakePushgateway implements AutoCloseable {

    public record Push(String method, String path, String body) {
    }

    private final HttpServer server;
    private final BlockingQueue<Push> pushes = new LinkedBlockingQueue<>();

    private FakePushgateway(HttpServer server) {
        this.server = server;
    }

    public static FakePushgateway start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        FakePushgateway gateway = new FakePushgateway(server);
        server.createContext("/metrics/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            gateway.pushes.add(new Push(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return gateway;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Push awaitPush(Duration within) throws InterruptedException {
        Push push = pushes.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        if (push == null) {
            throw new AssertionError("nothing was pushed within " + within);
        }
        return push;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
