package io.evalbatch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.evalbatch.error.ExitCodes;
import io.evalbatch.store.DatabaseLocation;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "db",
        description = {"Keep the embedded database up until Ctrl-C, so that psql, notebooks or any PostgreSQL "
                + "client can query the results, and print its JDBC URL and the psql command. It starts the server "
                + "on --port when none runs; when a run, serve or schedule has started it already, it prints the "
                + "port that server has. Every evalbatch command on the same EVALBATCH_HOME shares the server "
                + "meanwhile.",
                "With EVALBATCH_DB_URL set there is no embedded database: it says where the configured one is."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalbatch db", "  evalbatch db --port 5433"})
final class DbCommand implements Callable<Integer> {

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "55432",
            description = "Port to start the embedded server on, when none runs yet (default: ${DEFAULT-VALUE}).")
    int port;

    DbCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 1 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be from 1 to 65535, not " + port);
        }
        try (ConfigurableApplicationContext context = contexts.with("evalbatch.db.port", port).open()) {
            DatabaseLocation location = context.getBean(DatabaseLocation.class);
            PrintWriter out = spec.commandLine().getOut();
            if (!location.embedded()) {
                out.println("evalbatch uses the PostgreSQL at " + location.shownUrl()
                        + " (EVALBATCH_DB_URL); connect to it directly:");
                out.println("  " + String.join(" ", location.psql()));
                out.flush();
                return ExitCodes.OK;
            }
            out.println("The embedded database is up until Ctrl-C" + (location.shownUrl().contains(":" + port + "/")
                    ? "." : " (it was running already, on its own port; --port applies when db starts it)."));
            out.println("  JDBC URL: " + location.shownUrl() + "  (user postgres, no password)");
            out.println("  psql:     " + String.join(" ", location.psql()));
            out.flush();
            UntilShutdown.await("db", context);
            return ExitCodes.OK;
        }
    }
}
