package io.evalbatch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.evalbatch.error.ExitCodes;
import io.evalbatch.web.ServeSettings;
import org.jspecify.annotations.Nullable;
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
                "Read-only: every request runs in a read-only transaction, as a database role that can only read, "
                        + "and model output is shown as text. It listens on 127.0.0.1 unless --host says otherwise; "
                        + "on any other address every client must show a token, made up and printed at start (or "
                        + "EVALBATCH_SERVE_TOKEN): once in the URL (?token=), kept in a cookie, or as "
                        + "Authorization: Bearer for the JSON API; without it, 401. With the embedded database, serve "
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

    /**
     * The web context; a port another process holds is the user's to change, said in one line.
     * Beyond loopback it gets a token made up here, which EVALBATCH_SERVE_TOKEN overrides.
     */
    private ConfigurableApplicationContext openWeb(@Nullable String madeUpToken) {
        try {
            return (madeUpToken == null ? contexts : contexts.with("evalbatch.serve.token", madeUpToken))
                    .openWeb(host, port);
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

    /** Whether {@code host} is this machine only (127.0.0.1, ::1, localhost), where serve stays open. */
    static boolean loopback(String host) {
        try {
            java.net.InetAddress[] addresses = java.net.InetAddress.getAllByName(host);
            return java.util.Arrays.stream(addresses).allMatch(java.net.InetAddress::isLoopbackAddress);
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** 256 random bits, base64url: nothing anyone reaching the port can guess. */
    static String newToken() {
        byte[] bits = new byte[32];
        new java.security.SecureRandom().nextBytes(bits);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be from 0 to 65535, not " + port);
        }
        String madeUpToken = loopback(host) ? null : newToken();
        try (ConfigurableApplicationContext context = openWeb(madeUpToken)) {
            int actual = ((WebServerApplicationContext) context).getWebServer().getPort();
            PrintWriter out = spec.commandLine().getOut();
            String shownHost = host.equals("0.0.0.0") || host.equals("::") ? "localhost"
                    : host.contains(":") ? "[" + host + "]" : host;
            String token = context.getBean(ServeSettings.class).token();
            String address = "http://" + shownHost + ":" + actual + "/";
            if (token == null) {
                out.println("evalbatch: serving " + address + " (read-only) until Ctrl-C");
            } else if (token.equals(madeUpToken)) {
                out.println("evalbatch: serving " + address + "?token=" + token + " (read-only; every client must "
                        + "show this token: open this address once, or send Authorization: Bearer TOKEN) until Ctrl-C");
            } else {
                out.println("evalbatch: serving " + address + " (read-only; every client must show the token of "
                        + "EVALBATCH_SERVE_TOKEN: open " + address + "?token=TOKEN once, or send Authorization: Bearer "
                        + "TOKEN) until Ctrl-C");
            }
            out.flush();
            UntilShutdown.await("serve", context);
            return ExitCodes.OK;
        }
    }
}
