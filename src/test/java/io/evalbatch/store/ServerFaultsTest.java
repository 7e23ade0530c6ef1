package io.evalbatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.evalbatch.error.ExitCodes;
import io.evalbatch.support.Cli;
import io.evalbatch.support.EvalbatchProcesses;
import io.evalbatch.support.EvalbatchProcesses.Launched;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The embedded server after faults: a server left by a crash of every process — its
 * {@code postmaster.pid} naming a pid that now belongs to another process, as after a reboot —
 * is started again with every committed row; a corrupt data directory is said in one line; a
 * full disk fails a run in one line, keeps what was stored, and the run goes on once there is space.
 */
@Tag("slow")
class ServerFaultsTest {

    @TempDir
    Path dir;

    @Test
    void aServerLeftByACrashOfEverythingStartsAgainWithItsData() throws Exception {
        Path home = dir.resolve("home");
        Launched db = EvalbatchProcesses.embedded(dir, home).start("db");
        db.awaitOut(out -> out.contains("psql:"), Duration.ofMinutes(2));
        try (EmbeddedDatabase shared = EmbeddedDatabase.start(home)) {
            JdbcClient jdbc = jdbc(shared);
            jdbc.sql("create table kept (n int)").update();
            jdbc.sql("insert into kept values (1), (2), (3)").update();
        }
        Path data = home.resolve("postgres");
        List<ProcessHandle> server = ServerProcesses.on(data);
        assertThat(server).as("the server's processes, told by their directory").isNotEmpty();

        // Everything crashes: the user process and every process of the server, at once.
        db.process().destroyForcibly();
        server.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : server) {
            process.onExit().get();
        }
        assertThat(db.exit(Duration.ofSeconds(30))).isEqualTo(137);
        // After a reboot the pid in postmaster.pid is some other live process: PostgreSQL alone
        // would take it for a server still running and refuse to start.
        Process unrelated = new ProcessBuilder("sleep", "300").start();
        try {
            List<String> lockFile = new ArrayList<>(Files.readAllLines(data.resolve("postmaster.pid")));
            lockFile.set(0, Long.toString(unrelated.pid()));
            Files.write(data.resolve("postmaster.pid"), lockFile);

            try (EmbeddedDatabase restarted = EmbeddedDatabase.start(home)) {
                assertThat(jdbc(restarted).sql("select sum(n) from kept").query(Integer.class).single()).isEqualTo(6);
            }
            assertThat(unrelated.isAlive()).as("the process that took the old pid is left alone").isTrue();
            assertThat(ServerProcesses.on(data)).as("no server left once its last user ended").isEmpty();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    /**
     * A port found free and taken by another socket before the server listens on it (on a busy
     * machine, the local end of any outgoing connection) costs another attempt, not the start.
     */
    @Test
    void aPortTakenBeforeTheServerListensIsExchangedForAnother() throws Exception {
        // Bound, not listening, without SO_REUSEADDR: as the local end of an outgoing connection.
        try (java.net.Socket taken = new java.net.Socket()) {
            taken.setReuseAddress(false);
            taken.bind(new java.net.InetSocketAddress(0));
            java.util.Iterator<Integer> candidates = List.of(taken.getLocalPort(), taken.getLocalPort()).iterator();
            java.util.function.IntSupplier ports = () -> {
                if (candidates.hasNext()) {
                    return candidates.next();
                }
                try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                    return free.getLocalPort();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("home"), null, ports)) {
                assertThat(database.port()).isNotEqualTo(taken.getLocalPort());
                assertThat(jdbc(database).sql("select 1").query(Integer.class).single()).isEqualTo(1);
            }
        }
    }

    @Test
    void aCorruptDataDirectoryIsSaidInOneLine() throws Exception {
        Path home = dir.resolve("home");
        try (EmbeddedDatabase created = EmbeddedDatabase.start(home)) {
            assertThat(created.port()).isPositive();
        }
        // The control file holds the checkpoint PostgreSQL starts from; without it nothing starts.
        Files.writeString(home.resolve("postgres/global/pg_control"), "not a control file");

        Cli.Result runs = evalbatch(home, "runs");

        assertThat(runs.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(runs.err().lines()).singleElement().asString()
                .startsWith("evalbatch: the embedded PostgreSQL did not start on " + home.resolve("postgres") + ": ")
                .contains("pg_control")
                .endsWith("(its log: " + home.resolve("postgres.log") + ")");
        assertThat(ServerProcesses.on(home.resolve("postgres"))).isEmpty();
    }

    @Test
    void aFullDiskFailsTheRunInOneLineAndLosesNothing() throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        // A small disk of its own: a tmpfs, which only root may mount.
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=120m", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(mount.waitFor() == 0, "mounting a tmpfs needs root: "
                + new String(mount.getInputStream().readAllBytes()).strip());
        try {
            Path home = disk.resolve("home");
            Path small = job("small", 200);
            Path large = job("large", 3000);
            assertThat(evalbatch(home, "run", small.toString(), "--id", "before").exitCode()).isZero();
            String before = evalbatch(home, "results", "before", "--format", "json").out();

            Path filler = disk.resolve("filler");
            long free = Files.getFileStore(disk).getUsableSpace();
            try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(filler.toFile(), "rw")) {
                // tmpfs takes pages as they are written: written, not only sized, leaving 1 MiB.
                byte[] block = new byte[1 << 20];
                for (long left = free - (1 << 20); left > 0; left -= block.length) {
                    file.write(block, 0, (int) Math.min(block.length, left));
                }
            }
            Cli.Result full = evalbatch(home, "run", large.toString(), "--id", "full");
            assertThat(full.exitCode()).isEqualTo(ExitCodes.RUN_NOT_COMPLETED);
            assertThat(full.err().lines().filter(line -> line.startsWith("run full FAILED")))
                    .singleElement().asString()
                    .startsWith("run full FAILED: the disk of the database is full (could not ")
                    .contains("No space left on device");

            Files.delete(filler);
            assertThat(evalbatch(home, "results", "before", "--format", "json").out()).isEqualTo(before);
            assertThat(evalbatch(home, "restart", "full").exitCode()).isZero();
            assertThat(evalbatch(home, "runs", "--format", "csv").out()).contains("full,large,COMPLETED,3000,3000,");
        } finally {
            new ProcessBuilder("umount", disk.toString()).start().waitFor();
        }
    }

    /** evalbatch in this JVM on the embedded database of {@code home}. */
    private static Cli.Result evalbatch(Path home, String... args) {
        return Cli.runEmbedded(home, args);
    }

    /** An exact-match job of {@code documents} lines of about 1 KB each. */
    private Path job(String name, int documents) {
        StringBuilder log = new StringBuilder();
        for (int doc = 0; doc < documents; doc++) {
            log.append("{\"doc_id\": ").append(doc).append(", \"doc\": {\"q\": \"").append("x".repeat(200))
                    .append("\"}, \"target\": \"").append(doc % 7).append("\", \"resps\": [[\"")
                    .append("y".repeat(500)).append("\"]], \"filtered_resps\": [[\"").append(doc % 5)
                    .append("\"]], \"filter\": \"none\"}\n");
        }
        SamplesFiles.write(dir.resolve("samples_" + name + "_2026-12-01T00-00-00.jsonl"), log.toString());
        return SamplesFiles.job(dir, """
                name: %s
                input: {format: lm-eval, files: [samples_%s_2026-12-01T00-00-00.jsonl], task: answers}
                filter: {name: exact-match}
                execution: {cache: false}
                metrics: {pass-at-k: [1]}
                """.formatted(name, name));
    }

    private static JdbcClient jdbc(EmbeddedDatabase database) {
        return JdbcClient.create(new DriverManagerDataSource(database.jdbcUrl(), "postgres", ""));
    }
}
