package io.evalbatch.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * At most one firing of a job at a time, over every scheduler of the cluster: a PostgreSQL
 * session advisory lock named after the job, held on a connection of its own for the firing. The
 * database releases it when that connection ends, so a scheduler that dies never leaves it held.
 */
final class FiringLock implements AutoCloseable {

    private final Connection connection;
    private final String job;

    private FiringLock(Connection connection, String job) {
        this.connection = connection;
        this.job = job;
    }

    /** The lock of the job's firings, or null when another firing holds it. */
    static @Nullable FiringLock tryAcquire(DataSource dataSource, String job) {
        try {
            Connection connection = dataSource.getConnection();
            try (PreparedStatement ps = connection.prepareStatement(
                    "select pg_try_advisory_lock(hashtext('evalbatch.schedule:' || ?))")) {
                ps.setString(1, job);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return new FiringLock(connection, job);
                    }
                }
            }
            connection.close();
            return null;
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot lock the firings of job " + job, e);
        }
    }

    @Override
    public void close() {
        try (connection; PreparedStatement ps = connection.prepareStatement(
                "select pg_advisory_unlock(hashtext('evalbatch.schedule:' || ?))")) {
            ps.setString(1, job);
            ps.execute();
        } catch (SQLException e) {
            // The connection is closed either way, and with it the lock.
        }
    }
}
