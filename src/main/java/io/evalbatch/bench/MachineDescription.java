package io.evalbatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** One line saying what a benchmark ran on: cores, memory, CPU, Java and PostgreSQL. */
@Component
class MachineDescription {

    private final JdbcClient jdbc;

    MachineDescription(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String describe() {
        String postgres = jdbc.sql("show server_version").query(String.class).single();
        return String.format(Locale.ROOT, "%d cores (%s), %s memory, Java %s (%s), PostgreSQL %s, max heap %d MB",
                Runtime.getRuntime().availableProcessors(), cpu(), memory(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), postgres.split(" ")[0], Runtime.getRuntime().maxMemory() >> 20);
    }

    private static String cpu() {
        return procLine("/proc/cpuinfo", "model name").map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
    }

    private static String memory() {
        return procLine("/proc/meminfo", "MemTotal").map(l -> {
            long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
            return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
        }).orElse("unknown");
    }

    private static java.util.Optional<String> procLine(String file, String prefix) {
        try (var lines = Files.lines(Path.of(file))) {
            return lines.filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
