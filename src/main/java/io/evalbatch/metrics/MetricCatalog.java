package io.evalbatch.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.evalbatch.definition.InvalidJobDefinitionException;
import io.evalbatch.definition.MetricSelection;
import io.evalbatch.definition.MetricsSpec;
import org.springframework.stereotype.Component;

/**
 * Every kind of metric a job can select, by its key in the metrics section: what a job's
 * selections mean (the metrics they name, the samples each needs, whether they need answers or
 * scores), checking them, and the order reports list metrics in. The kinds are the
 * {@link MetricProvider} components; field metrics ({@code fields:}) are named by the job itself.
 */
@Component
public class MetricCatalog {

    private final List<MetricProvider> providers;
    private final Map<String, MetricProvider> byKey;

    public MetricCatalog(List<MetricProvider> providers) {
        this.providers = providers.stream()
                .sorted(Comparator.comparingInt(MetricProvider::place).thenComparing(MetricProvider::key))
                .toList();
        this.byKey = this.providers.stream().collect(Collectors.toMap(MetricProvider::key, p -> p, (a, b) -> {
            throw io.evalbatch.plugin.IncompatiblePluginException.sameName(
                    "two metric kinds have the key '" + a.key() + "'", a, b);
        }, TreeMap::new));
    }

    /**
     * Checks a job's selections: known keys, each in its form, and at least one metric.
     *
     * @param source the job file or run the metrics come from, for the message
     */
    public void validate(MetricsSpec metrics, String source) {
        List<InvalidJobDefinitionException> errors = new ArrayList<>();
        metrics.selections().forEach((key, selection) -> {
            MetricProvider provider = byKey.get(key);
            if (provider == null) {
                errors.add(new InvalidJobDefinitionException(source, "metrics." + key, "unknown metric (known: "
                        + String.join(", ", byKey.keySet()) + ", fields, bootstrap, groups, lower-is-better)"));
            } else if (provider.takesK() == selection.isFlag()) {
                errors.add(new InvalidJobDefinitionException(source, "metrics." + key, provider.takesK()
                        ? "must be a list of positive integers (the k), not true or false"
                        : "must be true or false, not a list"));
            }
        });
        if (errors.isEmpty() && selected(metrics).isEmpty() && metrics.fields().isEmpty()) {
            errors.add(new InvalidJobDefinitionException(source, "metrics", "selects no metric (give "
                    + String.join(", ", byKey.keySet()) + " or fields)"));
        }
        if (errors.size() == 1) {
            throw errors.get(0);
        }
        if (!errors.isEmpty()) {
            throw new InvalidJobDefinitionException(errors);
        }
    }

    /** The selections with every kind's default where the job left its key out, in catalog order. */
    public MetricsSpec withDefaults(MetricsSpec metrics) {
        Map<String, MetricSelection> all = new LinkedHashMap<>();
        for (MetricProvider provider : providers) {
            all.put(provider.key(), metrics.selections().getOrDefault(provider.key(), provider.byDefault()));
        }
        metrics.selections().forEach(all::putIfAbsent);
        return new MetricsSpec(all, metrics.fields(), metrics.bootstrap(), metrics.groups(), metrics.lowerIsBetter());
    }

    /** One metric a job selects: its kind and its k (0 for a kind without k). */
    public record Selected(MetricProvider provider, int k) {

        public String name() {
            return provider.name(k);
        }
    }

    /** The metrics the selections name, in catalog order, k ascending. */
    public List<Selected> selected(MetricsSpec metrics) {
        List<Selected> selected = new ArrayList<>();
        for (MetricProvider provider : providers) {
            MetricSelection selection = metrics.selections().getOrDefault(provider.key(), provider.byDefault());
            if (provider.takesK() && !selection.isFlag()) {
                selection.ks().forEach(k -> selected.add(new Selected(provider, k)));
            } else if (!provider.takesK() && selection.isFlag() && selection.flag()) {
                selected.add(new Selected(provider, 0));
            }
        }
        return selected;
    }

    /** The k a kind is selected with, ascending; empty when it is not. */
    public List<Integer> ks(MetricsSpec metrics, String key) {
        return selected(metrics).stream().filter(s -> s.provider().key().equals(key)).map(Selected::k).toList();
    }

    /** The stored names of every metric selected: the kinds' in catalog order, then the field metrics. */
    public List<String> names(MetricsSpec metrics) {
        List<String> names = new ArrayList<>(selected(metrics).stream().map(Selected::name).toList());
        metrics.fields().forEach(f -> names.add(f.name()));
        return names;
    }

    /** Metrics that need more than one sample per document, by stored name. */
    public Map<String, Integer> samplesNeeded(MetricsSpec metrics) {
        Map<String, Integer> needed = new LinkedHashMap<>();
        selected(metrics).stream().filter(s -> s.provider().samplesNeeded(s.k()) > 1)
                .forEach(s -> needed.put(s.name(), s.provider().samplesNeeded(s.k())));
        metrics.fields().stream().filter(f -> f.k() > 0).forEach(f -> needed.put(f.name(), f.k()));
        return needed;
    }

    /** Whether a selected metric needs the answers a filter extracts. */
    public boolean needsAnswers(MetricsSpec metrics) {
        return selected(metrics).stream().anyMatch(s -> s.provider().needsAnswers());
    }

    /** The key of the first selected metric that needs answers, for the message that refuses it. */
    public String firstNeedingAnswers(MetricsSpec metrics) {
        return selected(metrics).stream().filter(s -> s.provider().needsAnswers()).map(s -> s.provider().key())
                .findFirst().orElseThrow();
    }

    /** Whether a selected metric needs the mean of the filter's scores. */
    public boolean needsScores(MetricsSpec metrics) {
        return selected(metrics).stream().anyMatch(s -> s.provider().needsScores());
    }

    /**
     * Order-by terms, as SQL, for the metric name held in {@code column}: each kind's metrics at its
     * place and by k, the others (and field metrics) by name.
     */
    public String orderBy(String column) {
        StringBuilder place = new StringBuilder("case");
        StringBuilder k = new StringBuilder("case");
        for (MetricProvider provider : providers) {
            String pattern = namePattern(provider);
            String literal = "'" + pattern.replace("'", "''") + "'";
            place.append(" when ").append(column).append(" ~ ").append(literal)
                    .append(" then ").append(provider.place());
            if (provider.takesK()) {
                k.append(" when ").append(column).append(" ~ ").append(literal)
                        .append(" then substring(").append(column).append(" from ").append(literal).append(")::int");
            }
        }
        place.append(" else ").append(MetricProvider.OTHERS).append(" end");
        k.append(" end");
        return place + ", " + (k.toString().equals("case end") ? "0" : k) + ", " + column;
    }

    /** A PostgreSQL regular expression matching the kind's stored names, its k as the one group. */
    private static String namePattern(MetricProvider provider) {
        if (!provider.takesK()) {
            return "^" + quote(provider.name(0)) + "$";
        }
        String sample = provider.name(7919);
        int at = sample.indexOf("7919");
        return "^" + quote(sample.substring(0, at)) + "([0-9]+)" + quote(sample.substring(at + 4)) + "$";
    }

    private static String quote(String literal) {
        StringBuilder quoted = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.toString();
    }
}
