package io.evalbatch;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Spring context behind every command that touches the database. The command line itself
 * ({@link io.evalbatch.cli.EvalbatchMain}) starts it only when a command needs it, so {@code --help}
 * stays instant.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EvalbatchApplication {
}
