package io.evalbatch.cli;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import io.evalbatch.error.ExitCodes;
import io.evalbatch.filter.FilterCatalog;
import io.evalbatch.filter.FilterProvider;
import io.evalbatch.report.FiltersReport;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "filters",
        description = {"List the filters a job can name in filter.name, and each one's options: default, the "
                + "values it takes, and what it does. These are the declarations evalbatch checks a job against; "
                + "the filter pages of the docs show the same tables."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalbatch filters", "  evalbatch filters program", "  evalbatch filters python --format markdown"})
final class FiltersCommand implements Callable<Integer> {

    enum Format { table, markdown, json }

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this filter.")
    String name;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); markdown is the "
                    + "options table of one filter's docs page.")
    Format format;

    FiltersCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = contexts.open()) {
            Map<String, FilterProvider> all = context.getBean(FilterCatalog.class).filters();
            Map<String, FilterProvider> chosen = new TreeMap<>(all);
            if (name != null) {
                FilterProvider one = all.get(name);
                if (one == null) {
                    throw new ParameterException(spec.commandLine(), context.getBean(FilterCatalog.class).unknown(name));
                }
                chosen = Map.of(name, one);
            }
            if (format == Format.markdown && chosen.size() != 1) {
                throw new ParameterException(spec.commandLine(), "--format markdown prints one filter's table: "
                        + "name the filter");
            }
            spec.commandLine().getOut().print(switch (format) {
                case table -> FiltersReport.table(chosen);
                case markdown -> FiltersReport.markdown(chosen.values().iterator().next());
                case json -> FiltersReport.json(chosen);
            });
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
