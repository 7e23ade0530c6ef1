/**
 * Filters score one sample each: the contract ({@link io.evalbatch.filter.FilterProvider}, {@link
 * io.evalbatch.filter.SimulationFilter}, {@link io.evalbatch.filter.FilterResult}), each filter's
 * options declared once ({@link io.evalbatch.filter.FilterOption}), and the catalog that picks a
 * run's filter by name and checks a job's options against those declarations. Each filter lives
 * in a package of its own.
 */
@NullMarked
package io.evalbatch.filter;

import org.jspecify.annotations.NullMarked;
