/**
 * Filters score one sample each: the contract ({@link io.evalbatch.filter.FilterProvider}, {@link
 * io.evalbatch.filter.SimulationFilter}, {@link io.evalbatch.filter.FilterResult}) and the catalog
 * that picks a run's filter by name. Each filter lives in a package of its own.
 */
@NullMarked
package io.evalbatch.filter;

import org.jspecify.annotations.NullMarked;
