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
}
