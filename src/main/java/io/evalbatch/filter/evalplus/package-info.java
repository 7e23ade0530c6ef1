/**
 * The {@code evalplus} filter: HumanEval+ scored as evalplus's own evaluator scores it. Each
 * problem's reference solution is run once on its base and plus inputs (stored per problem content,
 * interpreter and machine); each sample is then checked on the base inputs and on the plus inputs,
 * in the shared Python sandbox, each input under a CPU limit made from the reference's time.
 */
@NullMarked
package io.evalbatch.filter.evalplus;

import org.jspecify.annotations.NullMarked;
