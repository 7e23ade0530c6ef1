package io.evalbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.evalbatch.support.EvalbatchProcesses;
import io.evalbatch.support.SamplesFiles;
import io.evalbatch.support.EvalbatchProcesses.Launched;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evalbatch serve as its own process on the embedded database: it prints its address, serves until
 * stopped, shares the database meanwhile (a run of another process is on its pages), and leaves
 * it to the next command when stopped.
 */
@Tag("slow")
class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    void servesBesideOtherCommandsUntilStopped() throws Exception {
        EvalbatchProcesses evalbatch = EvalbatchProcesses.embedded(dir, Files.createDirectories(dir.resolve("home")));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Launched serve = evalbatch.start("serve", "--port", Integer.toString(port));
        serve.awaitOut(out -> out.contains("until Ctrl-C"), Duration.ofMinutes(2));
        assertThat(serve.out().lines().findFirst().orElseThrow())
                .isEqualTo("evalbatch: serving http://127.0.0.1:" + port + "/ (read-only) until Ctrl-C");
        HttpResponse<String> runs = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(runs.statusCode()).isEqualTo(200);
        assertThat(runs.body()).isEqualTo("[]");

        // Shared: a run of another process, on the same home, is on serve's pages.
        SamplesFiles.humanEval(dir, 4, 2);
        Path job = SamplesFiles.job(dir, """
                name: beside-serve
                input: {format: human-eval, files: [samples-4x2.jsonl]}
                filter: {name: test, pass-rate: 0.5}
                """);
        evalbatch.finish(0, "run", job.toString(), "--id", "beside");
        HttpResponse<String> after = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(after.body()).contains("\"beside\"");

        serve.signal("INT");
        assertThat(serve.exit(Duration.ofMinutes(1))).as("ended by SIGINT, as the JVM reports it").isEqualTo(130);
        assertThat(evalbatch.finish(0, "runs").out()).contains("beside-serve  COMPLETED");
    }

    /**
     * Beyond loopback serve makes up a token and prints the address with it; a client without it
     * gets 401, with it the pages. EVALBATCH_SERVE_TOKEN chooses the token instead, and is not
     * printed; one too short to be safe is refused in one line.
     */
    @Test
    void offLoopbackEveryClientMustShowTheToken() throws Exception {
        assertThat(List.of("127.0.0.1", "localhost", "::1").stream().allMatch(ServeCommand::loopback)).isTrue();
        assertThat(List.of("0.0.0.0", "::", "10.1.2.3", "192.168.0.7").stream().noneMatch(ServeCommand::loopback)).isTrue();
        assertThat(ServeCommand.newToken()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(ServeCommand.newToken());

        EvalbatchProcesses evalbatch = EvalbatchProcesses.embedded(dir, Files.createDirectories(dir.resolve("home")));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Launched serve = evalbatch.start("serve", "--host", "0.0.0.0", "--port", Integer.toString(port));
        serve.awaitOut(out -> out.contains("until Ctrl-C"), Duration.ofMinutes(2));
        Matcher printed = Pattern.compile("serving http://localhost:" + port + "/\\?token=([A-Za-z0-9_-]{43}) ")
                .matcher(serve.out());
        assertThat(printed.find()).as(serve.out()).isTrue();
        String token = printed.group(1);
        HttpClient http = HttpClient.newHttpClient();
        URI runs = URI.create("http://127.0.0.1:" + port + "/api/runs");
        assertThat(http.send(HttpRequest.newBuilder(runs).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(401);
        HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(runs).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("[]");
        serve.signal("INT");
        serve.exit(Duration.ofMinutes(1));

        String chosen = "a-token-chosen-by-its-owner-42";
        Launched own = evalbatch.start(Map.of("EVALBATCH_SERVE_TOKEN", chosen), "serve", "--host", "0.0.0.0", "--port",
                Integer.toString(port));
        own.awaitOut(out -> out.contains("until Ctrl-C"), Duration.ofMinutes(2));
        assertThat(own.out()).contains("the token of EVALBATCH_SERVE_TOKEN").doesNotContain(chosen);
        assertThat(http.send(HttpRequest.newBuilder(runs).header("Authorization", "Bearer " + chosen).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        own.signal("INT");
        own.exit(Duration.ofMinutes(1));

        Launched weak = evalbatch.start(Map.of("EVALBATCH_SERVE_TOKEN", "short"), "serve", "--host", "0.0.0.0");
        assertThat(weak.exit(Duration.ofMinutes(1))).isEqualTo(2);
        assertThat(weak.err().strip()).isEqualTo("evalbatch: invalid settings: EVALBATCH_SERVE_TOKEN must be at least 16 "
                + "characters of A-Z a-z 0-9 . _ ~ + / = -");
        // any setting of serve's: one line, not first the web server's report of its failed start
        Launched window = evalbatch.start(Map.of("EVALBATCH_SERVE_SEARCH_WINDOW", "0"), "serve", "--port", "0");
        assertThat(window.exit(Duration.ofMinutes(1))).isEqualTo(2);
        assertThat(window.err().strip()).isEqualTo("evalbatch: invalid settings: EVALBATCH_SERVE_SEARCH_WINDOW must be "
                + "a positive number of samples, not 0");
    }
}
