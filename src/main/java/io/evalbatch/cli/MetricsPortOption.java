package io.evalbatch.cli;

import java.io.PrintWriter;

import javax.sql.DataSource;

import io.evalbatch.telemetry.MetricsServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --metrics-port} and {@code --metrics-host} of the long-running services. */
final class MetricsPortOption {

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "${env:EVALBATCH_METRICS_PORT}",
            description = "Serve /metrics (Prometheus text format) and /health on this port; 0 picks a free one "
                    + "(default: EVALBATCH_METRICS_PORT, else off).")
    Integer port;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address /metrics listens on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for "
                    + "every interface).")
    String host;

    /** The server, or a no-op when no port was given. */
    AutoCloseable start(ApplicationContext context, CommandLine commandLine) {
        if (port == null) {
            return () -> { };
        }
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(commandLine,
                    "--metrics-port (or EVALBATCH_METRICS_PORT) must be from 0 to 65535, not " + port);
        }
        PrintWriter err = commandLine.getErr();
        MetricsServer server = MetricsServer.start(host, port, context.getBean(PrometheusMeterRegistry.class),
                context.getBean(DataSource.class));
        err.println("evalbatch: serving metrics on " + server.url() + " (and /health)");
        err.flush();
        return server;
    }
}
