package io.evalbatch.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every filter that {@code evalbatch filters} lists has a docs page whose options table is the one
 * the command prints: the options, their defaults and values come from the filters' declarations,
 * so the docs cannot drift from what a job is checked against. When this fails after an option
 * changed, paste the command's output between the page's {@code options} markers.
 */
@DatabaseTest
class FilterDocsTest {

    private static final String BEGIN = "<!-- options: `evalbatch filters %s --format markdown` prints this table; "
            + "FilterDocsTest keeps them equal -->\n";
    private static final String END = "<!-- /options -->";

    @Test
    void eachFilterPageShowsTheOptionsTheFilterDeclares() throws Exception {
        Cli.Result listing = Cli.run("filters", "--format", "json");
        assertThat(listing.exitCode()).as(listing.err()).isZero();
        List<String> names = new ArrayList<>();
        JsonMapper.builder().build().readTree(listing.out()).forEach(f -> names.add(f.get("name").stringValue()));
        assertThat(names).contains("python", "program", "command", "exact-match", "test");
        String overview = Files.readString(Path.of("docs/filters.md"));
        for (String name : names) {
            Path page = Path.of("docs/filters", name + ".md");
            assertThat(page).as("the docs page of filter " + name).exists();
            assertThat(overview).as("docs/filters.md links the page").contains("(filters/" + name + ".md)");
            String text = Files.readString(page);
            String begin = BEGIN.formatted(name);
            assertThat(text).as(page + " has the options markers").contains(begin).contains(END);
            String documented = text.substring(text.indexOf(begin) + begin.length(), text.indexOf(END));
            Cli.Result table = Cli.run("filters", name, "--format", "markdown");
            assertThat(table.exitCode()).as(table.err()).isZero();
            assertThat(documented).as(page + ": the table `evalbatch filters " + name + " --format markdown` prints")
                    .isEqualTo(table.out());
        }
    }

    /** The terminal listing names each option with the same default the docs give it. */
    @Test
    void theListingShowsEachOptionWithItsDefault() {
        Cli.Result python = Cli.run("filters", "python");
        assertThat(python.exitCode()).isZero();
        assertThat(python.out()).startsWith("python: runs each sample's Python program")
                .containsPattern("(?m)^wall-timeout +4 × timeout \\+ 1 +number")
                .containsPattern("(?m)^memory-mb +4096 +integer ≥ 1");
        Cli.Result unknown = Cli.run("filters", "pythn");
        assertThat(unknown.exitCode()).isEqualTo(io.evalbatch.error.ExitCodes.USAGE);
        assertThat(unknown.err()).contains("unknown filter 'pythn' (known: command, evalplus, exact-match, judge, program, python, test; a plugin's "
                + "filter needs its jar in EVALBATCH_PLUGINS, which is not set)");
    }
}
