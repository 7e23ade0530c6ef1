package io.evalbatch.filter.judge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What the tests' chat-completions servers share: the JDK's server on a free port, and the protocol's answers. */
final class ChatServers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ChatServers() {
    }

    /** A server on 127.0.0.1 and a free port, with a context per path, answering on {@code threads} threads. */
    static HttpServer start(Map<String, HttpHandler> contexts, int threads) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        contexts.forEach(server::createContext);
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.start();
        return server;
    }

    static String baseUrl(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    static void stop(HttpServer server) {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** A chat completion with one choice, {@code reply}, and the usage given. */
    static String completion(String model, String reply, int promptTokens, int completionTokens) {
        ObjectNode completion = JSON.createObjectNode().put("id", "chatcmpl-test").put("object", "chat.completion")
                .put("created", 1).put("model", model);
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", reply);
        completion.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return JSON.writeValueAsString(completion);
    }

    static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
