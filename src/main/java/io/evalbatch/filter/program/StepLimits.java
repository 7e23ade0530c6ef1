package io.evalbatch.filter.program;

/**
 * The limits of one step of a program (compiling it, or one run): CPU and wall-clock seconds,
 * address space and processes (threads count: a JVM starts about twenty).
 */
record StepLimits(double cpuSeconds, double wallSeconds, int memoryMb, int processes) {

    StepLimits withMemory(int memory) {
        return new StepLimits(cpuSeconds, wallSeconds, memory, processes);
    }

    StepLimits withProcesses(int count) {
        return new StepLimits(cpuSeconds, wallSeconds, memoryMb, count);
    }
}
