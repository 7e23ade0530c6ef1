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
import io.evalbatch.support.EvalbatchProcesses.Launched;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evalbatch serve as its own process on the embedded database: it prints its address, serves until
 * stopped, holds the database meanwhile (another command is refused), and frees it when stopped.
 */
@Tag("slow")
class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    void servesUntilStoppedAndThenFreesTheDatabase() throws Exception {
        EvalbatchProcesses evalbatch = EvalbatchProcesses.embedded(dir, Files.createDirectories(dir.resolve("home")));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Launched serve = evalbatch.start("serve", "--port", Integer.toString(port));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!serve.out().contains("until Ctrl-C") && System.nanoTime() < deadline && serve.process().isAlive()) {
            Thread.sleep(100);
        }
        assertThat(serve.out().lines().findFirst().orElseThrow())
                .isEqualTo("evalbatch: serving http://127.0.0.1:" + port + "/ (read-only) until Ctrl-C");
        HttpResponse<String> runs = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(runs.statusCode()).isEqualTo(200);
        assertThat(runs.body()).isEqualTo("[]");

        Launched second = evalbatch.start("runs");
        assertThat(second.exit(Duration.ofMinutes(1))).isEqualTo(4);

        serve.signal("INT");
        assertThat(serve.exit(Duration.ofMinutes(1))).as("ended by SIGINT, as the JVM reports it").isEqualTo(130);
        assertThat(evalbatch.finish(0, "runs").out()).contains("No runs yet");
    }
}
