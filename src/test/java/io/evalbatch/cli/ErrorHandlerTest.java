package io.evalbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

import io.evalbatch.error.ExitCodes;
import io.evalbatch.step.UnknownRunException;
import io.evalbatch.support.TestDatabase;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import picocli.CommandLine;

class ErrorHandlerTest {

    private final StringWriter err = new StringWriter();

    private int handle(Exception e) {
        CommandLine commandLine = EvalbatchMain.commandLine(new ApplicationContexts(Map.of()));
        commandLine.setErr(new PrintWriter(err, true));
        return new ErrorHandler().handleExecutionException(e, commandLine, null);
    }

    /** Runs a command on the test database with these settings added, its errors into {@code err}. */
    private int execute(String command, Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.get().properties());
        properties.putAll(settings);
        CommandLine commandLine = EvalbatchMain.commandLine(new ApplicationContexts(properties));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(command);
    }

    @Test
    void aSchemaFromAnotherVersionIsOnePlainLineNotABeanChain() {
        Exception e = new BeanCreationException("jdbcClient", "Failed to initialize dependency 'flywayInitializer'",
                new FlywayException("Validate failed: Migration checksum mismatch for migration version 3"));

        assertThat(handle(e)).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).isEqualTo("evalbatch: the database schema cannot be brought to this version of "
                + "evalbatch: Validate failed: Migration checksum mismatch for migration version 3" + System.lineSeparator());
    }

    @Test
    void anUnknownRunIsRefusedWithItsMessage() {
        assertThat(handle(new IllegalStateException("wrapped", new UnknownRunException("nope")))).isEqualTo(ExitCodes.REFUSED);
        assertThat(err.toString()).startsWith("evalbatch: ").contains("nope").doesNotContain("IllegalStateException");
    }

    @Test
    void anUnusableSettingNamesItsEnvironmentVariableAndWhy() {
        assertThat(execute("workers", Map.of("evalbatch.worker.poll-interval", "soon"))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("evalbatch: invalid setting evalbatch.worker.poll-interval (environment "
                + "variable EVALBATCH_WORKER_POLL_INTERVAL): 'soon' is not a valid duration" + System.lineSeparator());
    }

    @Test
    void settingsThatDoNotFitTogetherSayWhichTheyAre() {
        assertThat(execute("workers", Map.of("evalbatch.worker.timeout", "1s"))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("evalbatch: invalid settings: EVALBATCH_WORKER_TIMEOUT (PT1S) must be at "
                + "least twice EVALBATCH_WORKER_HEARTBEAT (PT5S), or a live worker would count as lost"
                + System.lineSeparator());
    }

    @Test
    void aProgressIntervalThatIsNoDurationIsABadSettingNotACrash() {
        assertThat(execute("runs", Map.of("evalbatch.progress.interval", "abc"))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("evalbatch: invalid setting evalbatch.progress.interval (environment "
                + "variable EVALBATCH_PROGRESS_INTERVAL): 'abc' is not a valid duration" + System.lineSeparator());
    }

    @Test
    void aCrashPointThatNamesNoPointIsABadSettingToo() {
        assertThat(execute("runs", Map.of("evalbatch.crash-at", "ingest:read"))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("evalbatch: invalid settings: EVALBATCH_CRASH_AT='ingest:read' is not "
                + "STEP:read:N or STEP:write:N" + System.lineSeparator());
    }

    @Test
    void anUnreachableDatabaseIsOneLine() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThat(execute("runs", Map.of("evalbatch.db.url", "jdbc:postgresql://127.0.0.1:" + closed + "/x",
                "spring.datasource.hikari.initialization-fail-timeout", "1"))).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("evalbatch: cannot reach the database: Connection to 127.0.0.1:"
                + closed + " refused");
    }

    @Test
    void anUnforeseenErrorIsItsInnermostReasonInOneLine() {
        assertThat(handle(new IllegalStateException("outer", new RuntimeException("inner\nsecond line"))))
                .isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).isEqualTo("evalbatch: inner (EVALBATCH_TRACE=1 prints the stack trace)"
                + System.lineSeparator());
    }
}
