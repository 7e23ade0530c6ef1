package io.evalbatch.support;

import java.io.PrintWriter;
import java.io.StringWriter;

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
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = EvalbatchMain.commandLine(new ApplicationContexts(TestDatabase.get().properties()));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
