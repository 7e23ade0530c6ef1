package io.evalbatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import io.evalbatch.cli.ApplicationContexts;
import io.evalbatch.support.Browser;
import io.evalbatch.support.Cli;
import io.evalbatch.support.SamplesFiles;
import io.evalbatch.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * evalbatch serve as a person sees it, in a real browser (Debian's chromium): the runs list and a
 * run's metrics equal to what {@code results --format json} prints, filters that narrow the
 * samples grid, hostile model output shown as text without running anything or reaching another
 * origin, the compare page listing exactly the documents two known runs score differently, and
 * live progress of a running run.
 */
@Tag("slow")
class ServeBrowserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Model output that would run script, break out of an element, or link to script if it were not escaped. */
    private static final List<String> HOSTILE = List.of("<script>alert('script')</script>",
            "</textarea></pre><img src=x onerror=alert('img')>", "<a href=\"javascript:alert('link')\">click</a>",
            "<iframe src=\"https://example.com/\"></iframe>");
    private static final int HUGE = 10_000_000;

    @TempDir
    static Path dir;

    private static ConfigurableApplicationContext server;
    private static String base;
    private static String hostileRun;
    private static String runA;
    private static String runB;

    @BeforeAll
    static void runsAndServer() {
        // Four documents; A answers 0 and 1 right, B answers 1 and 2 right: they differ on 0 and 2.
        hostileRun = run("hostile", hostileLog());
        runA = run("model-a", log(new String[] {"#### 1", "#### 2", "#### 0", "#### 0"}));
        runB = run("model-b", log(new String[] {"#### 0", "#### 2", "#### 3", "#### 0"}));
        // as the reader role, as every serve on the embedded database: the pages must need no more
        Map<String, Object> properties = new java.util.HashMap<>(TestDatabase.get().readerProperties());
        // two samples per search request, so that a search of a four-sample run takes two
        properties.put("evalbatch.serve.search-window", "2");
        server = new ApplicationContexts(properties).openWeb("127.0.0.1", 0);
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) server).getWebServer().getPort();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static String log(String[] answers) {
        StringBuilder log = new StringBuilder();
        for (int doc = 0; doc < answers.length; doc++) {
            log.append("{\"doc_id\": ").append(doc).append(", \"doc\": {}, \"target\": \"").append(doc + 1)
                    .append("\", \"resps\": [[\"x\"]], \"filtered_resps\": [[\"").append(answers[doc].replace("#### ", ""))
                    .append("\"]], \"filter\": \"none\"}\n");
        }
        return log.toString();
    }

    private static String hostileLog() {
        StringBuilder log = new StringBuilder();
        for (int doc = 0; doc < HOSTILE.size(); doc++) {
            log.append(JSON.writeValueAsString(Map.of("doc_id", doc, "doc", Map.of(), "target", "<b>target</b>",
                    "resps", List.of(List.of("x")), "filtered_resps", List.of(List.of(HOSTILE.get(doc))), "filter", "none")))
                    .append('\n');
        }
        log.append(JSON.writeValueAsString(Map.of("doc_id", HOSTILE.size(), "doc", Map.of(), "target", "t",
                "resps", List.of(List.of("x")), "filtered_resps", List.of(List.of("<b>" + "y".repeat(HUGE) + "</b>")),
                "filter", "none"))).append('\n');
        return log.toString();
    }

    private static String run(String name, String log) {
        SamplesFiles.write(dir.resolve("samples_" + name + "_2026-12-01T00-00-00.jsonl"), log);
        Path job = SamplesFiles.job(dir, """
                name: serve-%s
                label: %s
                input: {format: lm-eval, files: [samples_%s_2026-12-01T00-00-00.jsonl], task: answers}
                filter: {name: exact-match}
                execution: {cache: false}
                metrics: {pass-at-k: [1], mean: true}
                """.formatted(name, name, name));
        Cli.Result run = Cli.run("run", job.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out()).get("run").stringValue();
    }

    private static void noAlert(Browser browser) {
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    /** Every resource the page loaded came from the server itself. */
    private static void onlyOwnRequests(Browser browser) {
        @SuppressWarnings("unchecked")
        List<Object> urls = (List<Object>) browser.driver().executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(urls).allSatisfy(url -> assertThat(url.toString()).startsWith(base + "/"));
    }

    @Test
    void theRunPageShowsTheMetricsThatResultsPrints() {
        JsonNode results = JSON.readTree(Cli.run("results", runA, "--format", "json").out());
        Map<String, String> expected = new TreeMap<>();
        results.get("metrics").forEach(m -> expected.put(m.get("metric").stringValue(),
                String.format(java.util.Locale.ROOT, "%.4f", m.get("value").doubleValue())));
        try (Browser browser = Browser.start()) {
            browser.driver().get(base + "/");
            WebElement row = browser.driver().findElement(By.cssSelector("tr[data-run='" + runA + "']"));
            assertThat(row.getText()).contains("serve-model-a").contains("model-a").contains("COMPLETED").contains("4 / 4");
            browser.screenshot("runs");

            row.findElement(By.linkText(runA)).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/runs/" + runA));
            Map<String, String> shown = new TreeMap<>();
            for (WebElement metric : browser.driver().findElements(By.cssSelector("#metrics tbody tr"))) {
                shown.put(metric.findElement(By.cssSelector(".metric")).getText(),
                        metric.findElement(By.cssSelector(".value")).getText());
            }
            assertThat(shown).isEqualTo(expected).containsEntry("pass@1", "0.5000");
            assertThat(browser.driver().findElement(By.id("label")).getText()).isEqualTo("model-a");
            onlyOwnRequests(browser);
            browser.screenshot("run");
        }
    }

    @Test
    void filtersNarrowTheSamplesGrid() {
        try (Browser browser = Browser.start()) {
            browser.driver().get(base + "/runs/" + runA + "/samples");
            assertThat(browser.driver().findElements(By.cssSelector("#samples tbody tr"))).hasSize(4);
            new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.name("outcome"))).selectByValue("failed");
            browser.driver().findElement(By.cssSelector("form.filters button")).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("outcome=failed"));
            List<String> docs = browser.driver().findElements(By.cssSelector("#samples tbody tr td.doc")).stream()
                    .map(WebElement::getText).toList();
            assertThat(docs).containsExactly("2", "3");
            // and the grid pages: two per page, the second page holds the other two
            browser.driver().get(base + "/runs/" + runA + "/samples?limit=2");
            assertThat(browser.driver().findElements(By.cssSelector("#samples td.doc")).stream().map(WebElement::getText))
                    .containsExactly("0", "1");
            browser.driver().findElement(By.id("next")).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("afterId="));
            assertThat(browser.driver().findElements(By.cssSelector("#samples td.doc")).stream().map(WebElement::getText))
                    .containsExactly("2", "3");
        }
    }

    @Test
    void aSearchSaysHowFarItLookedAndSearchesFurtherOnRequest() {
        try (Browser browser = Browser.start()) {
            // run A's answers are 1, 2, 0, 0: the two zeros are samples 2 and 3, past the first window
            browser.driver().get(base + "/runs/" + runA + "/samples?q=0");
            assertThat(browser.driver().findElements(By.cssSelector("#samples tbody tr"))).isEmpty();
            assertThat(browser.driver().findElement(By.id("searched")).getText())
                    .startsWith("Searched the samples up to id 1: 0 found so far.");
            WebElement further = browser.driver().findElement(By.id("next"));
            assertThat(further.getText()).isEqualTo("search further");
            further.click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("afterId=1"));
            assertThat(browser.driver().findElements(By.cssSelector("#samples td.doc")).stream().map(WebElement::getText))
                    .containsExactly("2", "3");
            assertThat(browser.driver().findElements(By.id("searched"))).isEmpty();
            assertThat(browser.driver().findElements(By.id("next"))).isEmpty();
        }
    }

    @Test
    void hostileModelOutputStaysTextAndRunsNothing() {
        try (Browser browser = Browser.start()) {
            browser.driver().get(base + "/runs/" + hostileRun + "/samples");
            noAlert(browser);
            assertThat(browser.driver().findElements(By.cssSelector("#samples img, #samples iframe, #samples script"))).isEmpty();
            assertThat(browser.driver().findElement(By.id("samples")).getText()).contains("<script>alert('script')</script>");
            onlyOwnRequests(browser);
            for (int sample = 0; sample < HOSTILE.size(); sample++) {
                browser.driver().get(base + "/runs/" + hostileRun + "/samples/" + sample);
                noAlert(browser);
                assertThat(browser.driver().findElement(By.id("response")).getText()).isEqualTo(HOSTILE.get(sample));
                assertThat(browser.driver().findElement(By.id("detail")).getText()).contains(HOSTILE.get(sample));
                assertThat(browser.driver().findElements(By.cssSelector("main img, pre img, pre iframe, pre a, iframe")))
                        .isEmpty();
                onlyOwnRequests(browser);
                if (sample == 1) {
                    browser.screenshot("sample");
                }
            }
            // A 10 MB response is cut on the page; "show all" fetches it whole, still as text.
            browser.driver().get(base + "/runs/" + hostileRun + "/samples/" + HOSTILE.size());
            assertThat(browser.driver().findElement(By.id("response")).getText()).hasSize(PageController.SHOWN_CHARS);
            browser.driver().findElement(By.cssSelector("button[data-target='response']")).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> ((Number) browser.driver()
                    .executeScript("return document.getElementById('response').textContent.length")).intValue() > HUGE);
            assertThat(browser.driver().findElements(By.cssSelector("#response b"))).isEmpty();
            noAlert(browser);
        }
    }

    @Test
    void theComparePageListsExactlyTheDocumentsTheRunsScoreDifferently() {
        try (Browser browser = Browser.start()) {
            browser.driver().get(base + "/compare?a=" + runA + "&b=" + runB);
            TreeSet<String> flipped = new TreeSet<>();
            browser.driver().findElements(By.cssSelector("#flipped tbody td.doc")).forEach(td -> flipped.add(td.getText()));
            assertThat(flipped).containsExactly("0", "2");
            List<String> differences = new ArrayList<>();
            browser.driver().findElements(By.cssSelector("#differences td.difference")).forEach(td -> differences.add(td.getText()));
            // pass@1 and mean: (1 + 1 + 0 + 0)/4 - (0 + 1 + 1 + 0)/4 = 0
            assertThat(differences).containsExactly("0.0000", "0.0000");
            browser.driver().findElements(By.linkText("B's sample")).get(0).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/samples/"));
            assertThat(browser.driver().getCurrentUrl()).contains("/runs/" + runB + "/samples/");
        }
    }

    /**
     * A scheduled job's three runs, their pass@1 0.25, 0.5 and 0.75 (one, two, three of four
     * answers right): the job page draws them oldest first as one line, each point higher than the
     * one before, with its error bar and a link to its run. Then every page is photographed at a
     * desktop and a laptop width, to be looked at (target/screenshots).
     */
    @Test
    void aScheduledJobsTrendIsDrawnRunByRunAndEveryPageIsPhotographed() {
        List<String> nightly = new java.util.ArrayList<>();
        String[][] answers = {{"1", "0", "0", "0"}, {"1", "2", "0", "0"}, {"1", "2", "3", "0"}};
        for (int night = 0; night < answers.length; night++) {
            StringBuilder log = new StringBuilder();
            for (int doc = 0; doc < 4; doc++) {
                log.append("{\"doc_id\": ").append(doc).append(", \"doc\": {}, \"target\": \"").append(doc + 1)
                        .append("\", \"resps\": [[\"x\"]], \"filtered_resps\": [[\"").append(answers[night][doc])
                        .append("\"]], \"filter\": \"none\"}\n");
            }
            Path nightDir = dir.resolve("nightly-" + night);
            SamplesFiles.write(nightDir.resolve("samples_nightly_2026-12-0" + (night + 1) + "T02-00-00.jsonl"), log.toString());
            Cli.Result run = Cli.run("run", SamplesFiles.job(nightDir, """
                    name: serve-nightly
                    schedule: "0 0 2 * * ?"
                    input: {format: lm-eval, files: ["*.jsonl"]}
                    filter: {name: exact-match}
                    execution: {cache: false}
                    """).toString(), "--format", "json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            nightly.add(JSON.readTree(run.out()).get("run").stringValue());
        }
        try (Browser browser = Browser.start()) {
            browser.driver().get(base + "/trend?job=serve-nightly");
            List<WebElement> points = browser.driver().findElements(By.cssSelector("#trend-chart svg circle.point"));
            assertThat(points).hasSize(3);
            List<String> links = browser.driver().findElements(By.cssSelector("#trend-chart svg a")).stream()
                    .map(a -> a.getDomAttribute("href")).toList();
            assertThat(links).containsExactlyElementsOf(nightly.stream().map(id -> "/runs/" + id).toList());
            List<Double> heights = points.stream().map(p -> Double.parseDouble(p.getAttribute("cy"))).toList();
            assertThat(heights.get(0)).as("0.25 drawn below 0.5").isGreaterThan(heights.get(1));
            assertThat(heights.get(1)).as("0.5 drawn below 0.75").isGreaterThan(heights.get(2));
            assertThat(browser.driver().findElements(By.cssSelector("#trend-chart svg line.err"))).hasSize(3);
            assertThat(browser.driver().findElement(By.cssSelector("#trend-chart svg")).getText())
                    .contains("0.5").contains("pass@1").contains("nightly");
            assertThat(browser.driver().findElements(By.cssSelector("#trend tbody tr"))).hasSize(3);
            browser.screenshots("trend");

            browser.driver().findElements(By.cssSelector("#trend-chart svg a")).get(2).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                    .until(d -> d.getCurrentUrl().endsWith("/runs/" + nightly.get(2)));
            assertThat(browser.driver().findElement(By.cssSelector("#headline .big")).getText()).isEqualTo("0.7500");

            for (String[] page : new String[][] {{"runs", "/"}, {"run", "/runs/" + runA},
                    {"samples", "/runs/" + runA + "/samples"}, {"sample", "/runs/" + runA + "/samples/1"},
                    {"documents", "/runs/" + runA + "/documents"}, {"compare", "/compare?a=" + runA + "&b=" + runB},
                    {"board", "/board"}}) {
                browser.driver().get(base + page[1]);
                assertThat(browser.driver().getTitle()).as(page[1]).endsWith("evalbatch");
                browser.screenshots(page[0]);
            }
        }
    }

    @Test
    void theRunsPageFollowsARunningRunWithoutReload() throws Exception {
        StringBuilder log = new StringBuilder();
        for (int doc = 0; doc < 60; doc++) {
            log.append("{\"doc_id\": ").append(doc).append(", \"doc\": {}, \"target\": \"t\", \"resps\": [[\"x\"]], ")
                    .append("\"filtered_resps\": [[\"t\"]], \"filter\": \"none\"}\n");
        }
        SamplesFiles.write(dir.resolve("samples_slow_2026-12-01T00-00-00.jsonl"), log.toString());
        Path job = SamplesFiles.job(dir, """
                name: serve-slow
                input: {format: lm-eval, files: [samples_slow_2026-12-01T00-00-00.jsonl]}
                filter: {name: test, latency-ms: 150}
                execution: {cache: false, threads: 1, partitions: 1, chunk: 2}
                """);
        CompletableFuture<Cli.Result> running = CompletableFuture.supplyAsync(
                () -> Cli.run("run", job.toString(), "--id", "serve-live-" + System.nanoTime() % 100000, "--format", "json"));
        try (Browser browser = Browser.start()) {
            String id = awaitRun("serve-slow");
            browser.driver().get(base + "/?job=serve-slow");
            WebElement progress = browser.driver().findElement(By.cssSelector("tr[data-run='" + id + "'] .progress"));
            String first = progress.getText();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> !progress.getText().equals(first));
            String later = progress.getText();
            assertThat(Integer.parseInt(later.split(" / ")[0])).isGreaterThan(Integer.parseInt(first.split(" / ")[0]));
            // the page was not reloaded: the element found before is still the one shown
            assertThat(progress.isDisplayed()).isTrue();
            assertThat(running.get().exitCode()).isZero();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> progress.getText().equals("60 / 60"));
        }
    }

    private static String awaitRun(String job) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> runs = http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs?job=" + job)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode list = JSON.readTree(runs.body());
            if (!list.isEmpty() && list.get(list.size() - 1).get("results").longValue() < 50) {
                return list.get(list.size() - 1).get("runId").stringValue();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the slow run did not appear");
    }
}
