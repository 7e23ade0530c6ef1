package io.evalbatch.step;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.evalbatch.error.DiskFull;
import io.evalbatch.error.EvalbatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why a run, or one of its partitions, ended without completing, in the words the user reads in
 * {@code results} and {@code runs}: the same explanation whether the run scored its partitions
 * itself or a worker scored them.
 */
public final class RunFailures {

    private static final Logger log = LoggerFactory.getLogger(RunFailures.class);

    private RunFailures() {
    }

    /**
     * What went wrong, for the user: the messages of the failures that explain themselves (bad
     * input, a broken scorer, a lost partition: they name file, line, sample or worker) when there
     * are any, otherwise the root causes. Without repeats.
     */
    public static List<String> explain(Collection<Throwable> failures) {
        Set<String> specific = new LinkedHashSet<>();
        Set<String> other = new LinkedHashSet<>();
        for (Throwable failure : failures) {
            Throwable cause = explanation(failure);
            if (isSpecific(cause)) {
                specific.add(cause.getMessage());
            } else {
                other.add(unforeseen(cause));
                log.debug("run failure", failure);
            }
        }
        return alike(specific.isEmpty() ? other : specific);
    }

    /**
     * One line per kind of failure: partitions that failed the same way differ only in the sample
     * they were at, and saying it once per partition buries the reason.
     */
    private static List<String> alike(Set<String> failures) {
        Map<String, String> first = new LinkedHashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (String failure : failures) {
            String kind = failure == null ? "" : failure.replaceAll("\\d+", "#");
            first.putIfAbsent(kind, failure);
            count.merge(kind, 1, Integer::sum);
        }
        List<String> lines = new java.util.ArrayList<>();
        first.forEach((kind, failure) -> lines.add(count.getOrDefault(kind, 0) == 1 ? failure
                : failure + " (and " + (count.getOrDefault(kind, 0) - 1) + " more alike, in other partitions)"));
        return List.copyOf(lines);
    }

    /** An unforeseen root cause in a line; a full disk is said as such. */
    private static String unforeseen(Throwable cause) {
        return DiskFull.describe(cause).map(full -> full + "; free space on it")
                .orElseGet(() -> cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    /** The first specific exception in the cause chain, or else its root. */
    public static Throwable explanation(Throwable failure) {
        Throwable cause = failure;
        while (!isSpecific(cause) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Failures that explain themselves to the user; anything else is unforeseen. */
    private static boolean isSpecific(Throwable t) {
        return t instanceof EvalbatchException;
    }
}
