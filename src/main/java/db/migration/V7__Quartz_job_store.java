package db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The tables of Quartz's JDBC job store, which {@code evalbatch schedule} uses to fire each
 * trigger once across a cluster of schedulers. Created from the script Quartz itself ships for
 * PostgreSQL, so that they are always those the Quartz on the classpath expects.
 */
public class V7__Quartz_job_store extends BaseJavaMigration {

    private static final String SCRIPT = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    @Override
    public void migrate(Context context) throws Exception {
        String script;
        try (InputStream in = V7__Quartz_job_store.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException("Quartz's " + SCRIPT + " is not on the classpath");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : script.replaceAll("(?m)^\\s*--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }
}
