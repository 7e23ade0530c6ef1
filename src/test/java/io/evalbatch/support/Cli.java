package io.evalbatch.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import io.evalbatch.cli.ApplicationContexts;
import io.evalbatch.cli.EvalbatchMain;
import picocli.CommandLine;

/** Runs evalbatch commands in this JVM against the test database and captures what they print. */
public final class Cli {

    public record Result(int exitCode, String out, String err) {
    }

    private Cli() {
    }

    public static Result run(String... args) {
        return runWith(Map.of(), args);
    }

    /** With settings of its own besides the test database's, such as {@code evalbatch.pushgateway}. */
    public static Result runWith(Map<String, Object> settings, String... args) {
        ApplicationContexts contexts = new ApplicationContexts(TestDatabase.get().properties());
        for (Map.Entry<String, Object> setting : settings.entrySet()) {
            contexts = contexts.with(setting.getKey(), setting.getValue());
        }
        return runOn(contexts, args);
    }

    /** On the embedded database kept in {@code home}, not the test database. */
    public static Result runEmbedded(java.nio.file.Path home, String... args) {
        return runOn(new ApplicationContexts(Map.of("evalbatch.db.home", home.toString())), args);
    }

    private static Result runOn(ApplicationContexts contexts, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = EvalbatchMain.commandLine(contexts);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
