package io.evalbatch.web;

import java.util.List;

/**
 * A page of the samples grid.
 *
 * @param nextAfterId where the next page starts ({@code afterId}); null on the last page
 * @param nextAfterMs with sort "slowest", the duration the next page starts after
 */
public record SamplePage(List<SampleRow> samples, Long nextAfterId, Long nextAfterMs) {
}
