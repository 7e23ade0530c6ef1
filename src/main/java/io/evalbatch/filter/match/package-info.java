/**
 * The {@code exact-match} filter: answers extracted and normalized as lm-eval's regex filter and
 * exact_match metric do.
 */
@NullMarked
package io.evalbatch.filter.match;

import org.jspecify.annotations.NullMarked;
