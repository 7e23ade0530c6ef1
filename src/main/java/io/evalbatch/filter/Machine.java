package io.evalbatch.filter;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names the machine a calibration was measured on: its host name, machine id and processor. A
 * measurement is only reused on the machine that made it, since another may be faster or slower,
 * even one of the same kind and name (virtual machines often share their host name).
 */
public final class Machine {

    private Machine() {
    }

    public static String describe() {
        return host() + " / " + machineId() + " / " + processor();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }

    private static String machineId() {
        try {
            String id = Files.readString(Path.of("/etc/machine-id")).strip();
            return id.isEmpty() ? "no machine id" : id.substring(0, Math.min(12, id.length()));
        } catch (IOException | RuntimeException e) {
            return "no machine id";
        }
    }

    private static String processor() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown processor") + " x" + Runtime.getRuntime().availableProcessors();
        } catch (IOException | RuntimeException e) {
            return "unknown processor x" + Runtime.getRuntime().availableProcessors();
        }
    }
}
