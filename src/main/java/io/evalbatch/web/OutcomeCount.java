package io.evalbatch.web;

/** How many samples of a task ended with one outcome ("unscored" while they have none). */
public record OutcomeCount(String task, String outcome, long samples) {
}
