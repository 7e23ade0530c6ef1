package io.evalbatch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.evalbatch.error.ExitCodes;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "serve",
        description = {"Serve the runs of the database as web pages until Ctrl-C: the runs (progress updated "
                + "live), a run's metrics with charts, outcomes per task, durations, seconds per step, invalid lines "
                + "and definition; its samples, filtered and paged from the database; one sample whole; two runs "
                + "compared document by document; a job's trend. The same data is JSON under /api.",
                "Read-only: every request runs in a read-only transaction, and model output is shown as text. "
                        + "It listens on 127.0.0.1 unless --host says otherwise. With the embedded database, serve "
                        + "shares it with the other evalbatch commands on the same EVALBATCH_HOME: a run started "
                        + "elsewhere shows its progress here as it scores."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalbatch serve", "  evalbatch serve --port 9000", "  evalbatch serve --host 0.0.0.0"})
final class ServeCommand implements Callable<Integer> {

    private final ApplicationContexts contexts;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every "
                    + "interface).")
    String host;

    ServeCommand(ApplicationContexts contexts) {
        this.contexts = contexts;
    }

    /** The web context; a port another process holds is the user's to change, said in one line. */
    private ConfigurableApplicationContext openWeb() {
        try {
            return contexts.openWeb(host, port);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof java.net.BindException) {
                    throw new ParameterException(spec.commandLine(), "cannot listen on " + host + ":" + port + ": "
                            + cause.getMessage() + " (choose another --port; 0 picks a free one)");
                }
            }
            throw e;
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be from 0 to 65535, not " + port);
        }
        try (ConfigurableApplicationContext context = openWeb()) {
            int actual = ((WebServerApplicationContext) context).getWebServer().getPort();
            PrintWriter out = spec.commandLine().getOut();
            String shownHost = host.equals("0.0.0.0") ? "localhost" : host.contains(":") ? "[" + host + "]" : host;
            out.println("evalbatch: serving http://" + shownHost + ":" + actual + "/ (read-only) until Ctrl-C");
            out.flush();
            UntilShutdown.await("serve", context);
            return ExitCodes.OK;
        }
    }
}
