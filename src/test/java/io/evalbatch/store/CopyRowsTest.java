package io.evalbatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import io.evalbatch.support.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Values through COPY and back unchanged: the escapes, NULL against empty text, characters beyond ASCII. */
@DatabaseTest
class CopyRowsTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private static final List<String> VALUES = Arrays.asList(
            "plain", "", null, "tab\there", "line\nbreak", "carriage\rreturn", "back\\slash", "\\N",
            "\\t is not a tab", "ends with a backslash \\", "é ü ß — 数学 🧪", "\t\n\r\\", "x".repeat(20_000));

    @Test
    void everyValueComesBackAsItWent() {
        List<String> back = new TransactionTemplate(transactions).execute(status -> {
            jdbc.sql("create temporary table copied (n int, value text) on commit drop").update();
            CopyRows rows = new CopyRows();
            for (int i = 0; i < VALUES.size(); i++) {
                rows.field(i).field(VALUES.get(i)).endRow();
            }
            try {
                rows.copyInto(dataSource, "copy copied (n, value) from stdin");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            assertThat(rows.rows()).isEqualTo(VALUES.size());
            List<String> values = new ArrayList<>();
            jdbc.sql("select value from copied order by n").query(rs -> {
                values.add(rs.getString(1));
            });
            return values;
        });
        assertThat(back).containsExactlyElementsOf(VALUES);
    }

    @Test
    void noRowsSendNothing() {
        // a COPY sent would fail on the missing table
        org.assertj.core.api.Assertions.assertThatCode(() -> new CopyRows().copyInto(dataSource, "copy no_such_table from stdin"))
                .doesNotThrowAnyException();
    }
}
