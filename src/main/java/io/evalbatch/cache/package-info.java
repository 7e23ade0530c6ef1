/**
 * The result cache: each sample's key (its content and the filter's version and runtime), and the
 * step that reuses results of identical samples that earlier runs computed.
 */
@NullMarked
package io.evalbatch.cache;

import org.jspecify.annotations.NullMarked;
