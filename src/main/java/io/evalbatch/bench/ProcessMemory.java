package io.evalbatch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak heap and peak resident memory of this process since the last {@link #reset()}. The kernel
 * resets the peak RSS when "5" is written to {@code /proc/self/clear_refs}; where it refuses,
 * the peak is the process's whole life, and {@link #rssReset()} says so.
 */
final class ProcessMemory {

    private boolean rssReset;

    void reset() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            rssReset = true;
        } catch (IOException | RuntimeException e) {
            rssReset = false;
        }
    }

    boolean rssReset() {
        return rssReset;
    }

    /** Sum of the heap pools' peaks: an upper bound of the peak heap in use. */
    long peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes >> 20;
    }

    long peakRssMb() {
        try (var lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) >> 10).orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
