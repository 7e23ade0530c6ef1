package io.evalbatch.cli;

import java.util.Map;

import io.evalbatch.EvalbatchApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Opens the Spring context (database, migrations, job repository) for a command that needs it.
 *
 * @param properties defaults under the environment and system properties, e.g. a test database
 */
public record ApplicationContexts(Map<String, Object> properties) {

    public ConfigurableApplicationContext open() {
        return builder().run();
    }

    /** These contexts with one more default property, e.g. the embedded database's port. */
    public ApplicationContexts with(String name, Object value) {
        Map<String, Object> merged = new java.util.LinkedHashMap<>(properties);
        merged.put(name, value);
        return new ApplicationContexts(merged);
    }

    /** With the clustered Quartz scheduler of {@code evalbatch schedule} (profile "scheduler"), not started. */
    public ConfigurableApplicationContext openScheduler() {
        return builder().profiles("scheduler").run();
    }

    /**
     * With the web pages of {@code evalbatch serve} (profile "serve"), its server listening on
     * {@code host:port} (0 picks a free port), connected to the database as the reader role.
     */
    public ConfigurableApplicationContext openWeb(String host, int port) {
        return new SpringApplicationBuilder(EvalbatchApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(properties)
                .properties(Map.of("server.address", host, "server.port", port, "evalbatch.db.read-only", true))
                .profiles("serve")
                .logStartupInfo(false)
                .run();
    }

    private SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(EvalbatchApplication.class)
                .web(WebApplicationType.NONE)
                .properties(properties)
                .logStartupInfo(false);
    }
}
