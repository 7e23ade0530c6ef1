package io.evalbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import io.evalbatch.run.UnknownRunException;
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
}
