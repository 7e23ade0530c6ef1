package io.evalbatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.evalbatch.cli.ApplicationContexts;
import io.evalbatch.support.Cli;
import io.evalbatch.support.SamplesFiles;
import io.evalbatch.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * serve with a token, listening on every interface: whichever address a client comes through
 * (loopback or the machine's own), without the token it gets 401 and not a byte of the
 * database; the token given once in the URL becomes an HttpOnly, SameSite=Strict cookie and the
 * page it asked for; the JSON API takes it as a bearer token.
 */
class ServeTokenTest {

    private static final String TOKEN = "s3cret-token-of-the-tests-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    private static ConfigurableApplicationContext server;
    private static int port;
    private static String runId;

    @BeforeAll
    static void aRunAndTheServer() {
        SamplesFiles.write(dir.resolve("samples_token_2026-12-07T00-00-00.jsonl"), "{\"doc_id\": 0, \"doc\": {}, "
                + "\"target\": \"secret-answer\", \"resps\": [[\"x\"]], \"filtered_resps\": [[\"secret-answer\"]], "
                + "\"filter\": \"none\"}\n");
        runId = "token" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Cli.Result run = Cli.run("run", SamplesFiles.job(dir, """
                name: serve-token
                input: {format: lm-eval, files: [samples_token_2026-12-07T00-00-00.jsonl]}
                filter: {name: exact-match}
                execution: {cache: false}
                """).toString(), "--id", runId);
        assertThat(run.exitCode()).as(run.err()).isZero();
        // as the reader role, as serve always connects
        Map<String, Object> properties = new java.util.HashMap<>(TestDatabase.get().readerProperties());
        properties.put("evalbatch.serve.token", TOKEN);
        server = new ApplicationContexts(properties).openWeb("0.0.0.0", 0);
        port = ((WebServerApplicationContext) server).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Loopback, and the machine's own non-loopback IPv4 addresses where it has any. */
    private static List<String> addresses() throws Exception {
        List<String> addresses = new ArrayList<>(List.of("127.0.0.1"));
        for (NetworkInterface network : NetworkInterface.networkInterfaces().toList()) {
            for (InetAddress address : network.inetAddresses().toList()) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && network.isUp()) {
                    addresses.add(address.getHostAddress());
                }
            }
        }
        return addresses;
    }

    private static HttpResponse<String> get(String host, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutTheTokenEveryPageAndEveryAddressSaysOnly401() throws Exception {
        for (String host : addresses()) {
            for (String path : List.of("/", "/runs", "/api/runs", "/runs/" + runId, "/api/runs/" + runId + "/samples",
                    "/evalbatch.js", "/nothing-here", "/?token=wrong-token-0123456789")) {
                for (String[] headers : List.of(new String[0], new String[] {"Authorization", "Bearer wrong-token-0123456789"},
                        new String[] {"Cookie", "evalbatch_token_" + port + "=wrong-token-0123456789"},
                        new String[] {"Authorization", "Basic " + TOKEN})) {
                    HttpResponse<String> response = get(host, path, headers);
                    assertThat(response.statusCode()).as(host + path + " " + List.of(headers)).isEqualTo(401);
                    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"evalbatch\"");
                    assertThat(response.body()).doesNotContain(runId).doesNotContain("secret-answer")
                            .startsWith("evalbatch serve asks for its token");
                }
            }
        }
    }

    @Test
    void theTokenOnceInTheUrlBecomesACookieAndTheApiTakesItAsBearer() throws Exception {
        for (String host : addresses()) {
            HttpResponse<String> given = get(host, "/runs/" + runId + "?token=" + TOKEN + "&all=1");
            assertThat(given.statusCode()).as(host).isEqualTo(303);
            assertThat(given.headers().firstValue("Location")).hasValue("/runs/" + runId + "?all=1");
            String cookie = given.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).isEqualTo("evalbatch_token_" + port + "=" + TOKEN + "; Path=/; HttpOnly; SameSite=Strict");

            HttpResponse<String> page = get(host, "/runs/" + runId + "?all=1", "Cookie", cookie.split(";")[0]);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains(runId);

            HttpResponse<String> api = get(host, "/api/runs/" + runId + "/samples", "Authorization", "Bearer " + TOKEN);
            assertThat(api.statusCode()).isEqualTo(200);
            assertThat(api.body()).contains("secret-answer");
        }
    }
}
