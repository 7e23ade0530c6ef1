/**
 * evalbatch: scores language-model outputs whose scoring is expensive, durably and restartably,
 * in PostgreSQL. {@code cli} is the entry point; each other package is one feature.
 */
@NullMarked
package io.evalbatch;

import org.jspecify.annotations.NullMarked;
