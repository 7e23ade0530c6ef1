package io.evalbatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.evalbatch.support.Browser;
import io.evalbatch.support.Cli;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * evalbatch report's file opened from disk in chromium: the numbers results prints, the documents
 * the two runs score differently, the failed samples with model output as text, and nothing loaded
 * from anywhere (no script, no resource).
 */
@Tag("slow")
class ReportBrowserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private String run(String name, String... answers) {
        StringBuilder log = new StringBuilder();
        for (int doc = 0; doc < answers.length; doc++) {
            log.append(JSON.writeValueAsString(Map.of("doc_id", doc, "doc", Map.of(), "target", String.valueOf(doc + 1),
                    "resps", List.of(List.of("x")), "filtered_resps", List.of(List.of(answers[doc])), "filter", "none")))
                    .append('\n');
        }
        SamplesFiles.write(dir.resolve("samples_" + name + "_2026-12-01T00-00-00.jsonl"), log.toString());
        Path job = SamplesFiles.job(dir, """
                name: report-%s
                input: {format: lm-eval, files: [samples_%s_2026-12-01T00-00-00.jsonl], task: answers}
                filter: {name: exact-match}
                execution: {cache: false}
                """.formatted(name, name));
        Cli.Result run = Cli.run("run", job.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out()).get("run").stringValue();
    }

    @Test
    void theReportOpensOfflineWithTheNumbersOfResults() throws Exception {
        // A is right on documents 0, 1, 2; B on 0 and 3: they differ on 1, 2 and 3. A's job ran once before.
        run("a", "1", "0", "0", "0");
        String a = run("a", "1", "2", "3", "<img src=x onerror=alert(1)>");
        String b = run("b", "1", "0", "0", "4");
        Path file = dir.resolve("out/report.html");
        Cli.Result report = Cli.run("report", a, "--compare", b, "-o", file.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.err()).startsWith("evalbatch: wrote " + file + " (");
        assertThat(Files.readString(file)).doesNotContain("<script").doesNotContain("src=\"http").doesNotContain("href=\"http");

        Map<String, String> expected = new TreeMap<>();
        JSON.readTree(Cli.run("results", a, "--format", "json").out()).get("metrics").forEach(m -> expected.put(
                m.get("metric").stringValue(), String.format(Locale.ROOT, "%.4f", m.get("value").doubleValue())));
        try (Browser browser = Browser.start()) {
            browser.driver().get(file.toUri().toString());
            Map<String, String> shown = new TreeMap<>();
            for (WebElement row : browser.driver().findElements(By.cssSelector("#metrics tbody tr"))) {
                shown.put(row.findElement(By.cssSelector(".metric")).getText(), row.findElement(By.cssSelector(".value")).getText());
            }
            assertThat(shown).isEqualTo(expected).containsEntry("pass@1", "0.7500");
            TreeSet<String> flipped = new TreeSet<>();
            browser.driver().findElements(By.cssSelector("#flipped td.doc")).forEach(td -> flipped.add(td.getText()));
            assertThat(flipped).containsExactly("1", "2", "3");
            assertThat(browser.driver().findElement(By.cssSelector("table.failed-samples")).getText())
                    .contains("<img src=x onerror=alert(1)>");
            assertThat(browser.driver().findElements(By.cssSelector("table.failed-samples img"))).isEmpty();
            // the job's history, 0.25 then 0.75: two points, the later higher, linking nowhere offline
            var points = browser.driver().findElements(By.cssSelector("#trend-chart svg circle.point"));
            assertThat(points).hasSize(2);
            assertThat(Double.parseDouble(points.get(0).getAttribute("cy")))
                    .isGreaterThan(Double.parseDouble(points.get(1).getAttribute("cy")));
            assertThat(browser.driver().findElements(By.cssSelector("#trend-chart svg a"))).isEmpty();
            assertThat(((Number) browser.driver().executeScript("return document.scripts.length")).intValue()).isZero();
            assertThat(((Number) browser.driver().executeScript(
                    "return performance.getEntriesByType('resource').length")).intValue()).isZero();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> browser.driver().switchTo().alert())
                    .isInstanceOf(NoAlertPresentException.class);
            browser.screenshot("report");
        }

        Cli.Result unknown = Cli.run("report", "no-such-run");
        assertThat(unknown.exitCode()).isEqualTo(4);
        assertThat(unknown.err()).startsWith("evalbatch: No run with id 'no-such-run'.");
    }
}
