/**
 * The leaderboard: models (run labels) by tasks, each cell a metric of the latest completed run
 * with its standard error, and which cells are the best of their column or within noise of it,
 * paired document by document where two runs scored the same documents.
 */
@NullMarked
package io.evalbatch.board;

import org.jspecify.annotations.NullMarked;
