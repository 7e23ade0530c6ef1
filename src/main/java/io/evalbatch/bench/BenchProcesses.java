package io.evalbatch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

/**
 * evalbatch JVMs like this one, on this one's database, with the benchmark's environment: the
 * processes a benchmark measures as a user would start them.
 */
final class BenchProcesses {

    private final Path work;
    private final DataSource dataSource;
    private final String mainClass;
    private final Map<String, String> environment;
    private final Map<Process, Path> errors = new HashMap<>();

    BenchProcesses(Path work, DataSource dataSource, String mainClass, Map<String, String> environment) {
        this.work = work;
        this.dataSource = dataSource;
        this.mainClass = mainClass;
        this.environment = Map.copyOf(environment);
    }

    Process startWorker(int threads) throws IOException, InterruptedException {
        Process worker = start("worker", "--threads", Integer.toString(threads));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!Files.readString(errors.get(worker)).contains("taking partitions")) {
            if (!worker.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("a benchmark worker did not start; see " + errors.get(worker));
            }
            Thread.sleep(50);
        }
        return worker;
    }

    Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-XX:ArchiveClassesAtExit") && !a.startsWith("-agentlib"))
                .forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(work, args[0] + "-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        HikariDataSource pool = (HikariDataSource) dataSource;
        env.put("EVALBATCH_DB_URL", pool.getJdbcUrl());
        env.put("EVALBATCH_DB_USER", pool.getUsername() == null ? "" : pool.getUsername());
        env.put("EVALBATCH_DB_PASSWORD", pool.getPassword() == null ? "" : pool.getPassword());
        env.putAll(environment);
        Process process = builder.start();
        errors.put(process, err);
        return process;
    }

    @Nullable Path errOf(Process process) {
        return errors.get(process);
    }
}
