package io.evalbatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON API of evalbatch serve over HTTP: paging by key, plain-text bodies, read-only, errors. */
class ServeApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    private static ConfigurableApplicationContext server;
    private static String base;
    private static String runId;

    @BeforeAll
    static void aRunAndTheServer() {
        StringBuilder log = new StringBuilder();
        for (int doc = 0; doc < 7; doc++) {
            log.append("{\"doc_id\": ").append(doc).append(", \"doc\": {}, \"target\": \"").append(doc % 2)
                    .append("\", \"resps\": [[\"x\"]], \"filtered_resps\": [[\"0\"]], \"filter\": \"none\"}\n");
        }
        SamplesFiles.write(dir.resolve("samples_api_2026-12-01T00-00-00.jsonl"), log.toString());
        Cli.Result run = Cli.run("run", SamplesFiles.job(dir, """
                name: serve-api
                input: {format: lm-eval, files: [samples_api_2026-12-01T00-00-00.jsonl]}
                filter: {name: exact-match}
                execution: {cache: false}
                """).toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        runId = JSON.readTree(run.out()).get("run").stringValue();
        // as the reader role, as every serve on the embedded database: the pages must need no more
        server = new ApplicationContexts(TestDatabase.get().readerProperties()).openWeb("127.0.0.1", 0);
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) server).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void samplesArePagedByKeyUntilTheLastPage() throws Exception {
        List<Long> seen = new ArrayList<>();
        String after = "";
        for (int page = 0; page < 10; page++) {
            JsonNode body = JSON.readTree(get("/api/runs/" + runId + "/samples?limit=3" + after).body());
            body.get("samples").forEach(s -> seen.add(s.get("sampleId").longValue()));
            if (body.get("nextAfterId").isNull()) {
                break;
            }
            after = "&afterId=" + body.get("nextAfterId").longValue();
        }
        assertThat(seen).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        // answer "0" is right for the even documents' target "0": 0, 2, 4, 6 passed
        JsonNode failed = JSON.readTree(get("/api/runs/" + runId + "/samples?outcome=failed").body());
        assertThat(failed.get("samples").findValuesAsString("docId")).containsExactly("1", "3", "5");
    }

    @Test
    void documentsComeGroupedWithTheirPassAtKPageByPage() throws Exception {
        List<String> docs = new ArrayList<>();
        List<Double> passAt1 = new ArrayList<>();
        String after = "";
        for (int page = 0; page < 10; page++) {
            JsonNode body = JSON.readTree(get("/api/runs/" + runId + "/documents?limit=3" + after).body());
            for (JsonNode d : body.get("documents")) {
                docs.add(d.get("docId").stringValue());
                assertThat(d.get("n").intValue()).isEqualTo(1);
                passAt1.add(d.get("passAtK").get("pass@1").doubleValue());
            }
            if (body.get("nextAfterTask").isNull()) {
                break;
            }
            after = "&afterTask=" + body.get("nextAfterTask").stringValue() + "&afterDoc=" + body.get("nextAfterDoc").stringValue();
        }
        assertThat(docs).containsExactly("0", "1", "2", "3", "4", "5", "6");
        // one sample each: pass@1 = c / n, 1 for the even documents
        assertThat(passAt1).containsExactly(1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0);
        assertThat(get("/runs/" + runId + "/documents").body()).contains("<table id=\"documents\">");
    }

    /**
     * Two models scored as two tasks of one run, compared task against task. By hand: x is right
     * on documents 0 and 1, y on 1 and 2; they differ on 0 and 2, and the means are equal.
     */
    @Test
    void twoTasksOfOneRunAreComparedDocumentByDocument() throws Exception {
        for (String[] task : new String[][] {{"x", "1", "2", "0", "0"}, {"y", "0", "2", "3", "0"}}) {
            StringBuilder log = new StringBuilder();
            for (int doc = 0; doc < 4; doc++) {
                log.append("{\"doc_id\": ").append(doc).append(", \"doc\": {}, \"target\": \"").append(doc + 1)
                        .append("\", \"resps\": [[\"r\"]], \"filtered_resps\": [[\"").append(task[doc + 1])
                        .append("\"]], \"filter\": \"none\"}\n");
            }
            SamplesFiles.write(dir.resolve("samples_" + task[0] + "_2026-12-01T00-00-00.jsonl"), log.toString());
        }
        Cli.Result run = Cli.run("run", SamplesFiles.job(dir, """
                name: serve-two-tasks
                input: {format: lm-eval, files: [samples_x_2026-12-01T00-00-00.jsonl, samples_y_2026-12-01T00-00-00.jsonl]}
                filter: {name: exact-match}
                execution: {cache: false}
                """).toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String id = JSON.readTree(run.out()).get("run").stringValue();
        JsonNode compared = JSON.readTree(get("/api/compare?a=" + id + "&b=" + id + "&taskA=x&taskB=y").body());
        assertThat(compared.get("flipped").findValuesAsString("docId")).containsExactlyInAnyOrder("0", "2");
        assertThat(compared.get("differences")).isNotEmpty().allSatisfy(d -> {
            assertThat(d.get("task").stringValue()).isEqualTo("x");
            assertThat(d.get("documents").longValue()).isEqualTo(4);
            assertThat(d.get("difference").doubleValue()).isZero();
        });
        assertThat(get("/api/compare?a=" + id + "&b=" + id + "&taskA=x").statusCode()).isEqualTo(400);
        assertThat(get("/compare?a=" + id + "&b=" + id + "&taskA=x&taskB=y").body()).contains("task <b>x</b>");
    }

    @Test
    void aTextComesWholeAsPlainTextThatBrowsersDoNotSniff() throws Exception {
        HttpResponse<String> text = get("/api/runs/" + runId + "/samples/1/text?field=detail");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(text.headers().firstValue("X-Content-Type-Options").orElseThrow()).isEqualTo("nosniff");
        assertThat(text.body()).isEqualTo("answer '0' is not the target '1'");
        assertThat(get("/").headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    }

    @Test
    void whatARequestRunsCannotWrite() {
        var jdbc = server.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        ReadOnlyRequests filter = new ReadOnlyRequests(
                server.getBean(org.springframework.transaction.PlatformTransactionManager.class));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> filter.doFilter(
                        new org.springframework.mock.web.MockHttpServletRequest("GET", "/"),
                        new org.springframework.mock.web.MockHttpServletResponse(),
                        (request, response) -> jdbc.sql("update eval_run set job_name = 'changed' where run_id = ?")
                                .param(runId).update()))
                .hasMessageContaining("read-only transaction");
        assertThat(jdbc.sql("select job_name from eval_run where run_id = ?").param(runId).query(String.class).single())
                .isEqualTo("serve-api");
    }

    @Test
    void aPortInUseIsSaidInOneLineWithExitCode2() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Cli.Result serve = Cli.run("serve", "--port", String.valueOf(busy.getLocalPort()));
            assertThat(serve.exitCode()).isEqualTo(2);
            assertThat(serve.err().lines().findFirst().orElseThrow()).isEqualTo("cannot listen on 127.0.0.1:"
                    + busy.getLocalPort() + ": Address already in use (choose another --port; 0 picks a free one)");
        }
    }

    @Test
    void nothingChangesTheDatabaseAndMistakesAreSaid() throws Exception {
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/runs"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        HttpResponse<String> unknown = get("/api/runs/no-such-run");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").stringValue()).isEqualTo("No run with id 'no-such-run'");
        HttpResponse<String> bad = get("/api/runs/" + runId + "/samples?limit=many");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("error").stringValue()).isEqualTo("limit must be a whole number");
        assertThat(get("/runs/no-such-run").statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(get("/api/runs/" + runId).body()).get("run").get("samples").longValue()).isEqualTo(7);
    }
}
