package io.evalbatch.board;

import org.jspecify.annotations.Nullable;

/**
 * One model's value of the metric on one task (or group).
 *
 * @param runId      the latest completed run of the model that has it
 * @param stderr     its standard error; null where one document gives none
 * @param documents  documents it is computed over
 * @param difference this value minus the column's best; 0 for the best
 * @param differenceStderr standard error of that difference: paired (from the per-document
 *                   differences) when both runs scored the same documents, else from both cells'
 *                   standard errors as if independent; null where none is known
 * @param paired     whether the difference was paired document by document
 */
public record BoardCell(String runId, double value, @Nullable Double stderr, long documents, Standing standing,
                        double difference, @Nullable Double differenceStderr, boolean paired) {
}
