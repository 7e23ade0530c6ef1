package io.evalbatch.board;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One model: a run label, or a run without a label on a row of its own.
 *
 * @param model what the row is called: the label, else the run id
 * @param label the label; null for a run without one
 * @param cells by column (task or group)
 * @param mean  the unweighted mean over the task columns, as leaderboards average benchmarks; null
 *              when the board has one task or the row lacks one
 */
public record BoardRow(String model, @Nullable String label, Map<String, BoardCell> cells, @Nullable Double mean) {
}
