package io.evalbatch.ingest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.evalbatch.definition.InputFormat;
import io.evalbatch.definition.InvalidJobDefinitionException;
import io.evalbatch.definition.JobDefinition;
import io.evalbatch.plugin.IncompatiblePluginException;
import io.evalbatch.plugin.PluginJars;
import org.springframework.stereotype.Component;

/** The input formats plugins read, by the name a job gives in {@code input.format}; evalbatch's own are {@link InputFormat}'s. */
@Component
public class FormatCatalog {

    private final Map<String, SampleFormat> plugins;

    public FormatCatalog(List<SampleFormat> formats) {
        for (SampleFormat format : formats) {
            if (InputFormat.builtIn(format.name()).isPresent()) {
                throw new IncompatiblePluginException("the format '" + format.name() + "' of "
                        + PluginJars.of(format.getClass()) + " is one evalbatch reads itself; the plugin must name "
                        + "its own");
            }
        }
        this.plugins = formats.stream().collect(Collectors.toMap(SampleFormat::name, Function.identity(), (a, b) -> {
            throw IncompatiblePluginException.sameName("two formats are named '" + a.name() + "'", a, b);
        }, TreeMap::new));
    }

    /** Fails, naming the job file, unless evalbatch or a loaded plugin reads the job's format. */
    public void validate(JobDefinition definition) {
        if (!definition.input().format().builtIn()) {
            plugin(definition.input().format(), definition.source());
        }
    }

    /** Whether an input of this format may be a directory. */
    public boolean readsDirectories(InputFormat format) {
        return format == InputFormat.EVALPLUS || format == InputFormat.MULTIPL_E
                || (!format.builtIn() && plugins.containsKey(format.key())
                && plugins.get(format.key()).readsDirectories());
    }

    /** The plugin that reads a format evalbatch does not, or the job's error naming what is known. */
    SampleFormat plugin(InputFormat format, String source) {
        SampleFormat plugin = plugins.get(format.key());
        if (plugin == null) {
            List<String> known = new java.util.ArrayList<>(InputFormat.builtIns().stream().map(InputFormat::key).toList());
            known.addAll(plugins.keySet());
            throw new InvalidJobDefinitionException(source, "input.format", "unknown format '" + format.key()
                    + "' (known: " + String.join(", ", known) + "; " + PluginJars.noneProvides("format") + ")");
        }
        return plugin;
    }
}
