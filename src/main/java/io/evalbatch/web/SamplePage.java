package io.evalbatch.web;

import java.util.List;

/**
 * A page of the samples grid.
 *
 * @param nextAfterId     where the next page starts ({@code afterId}); null on the last page
 * @param nextAfterMs     with sort "slowest", the duration the next page starts after
 * @param searchedThrough when a filter that examines a window of samples per request stopped at
 *                        the window's end with the page not full: the last sample id examined
 *                        (the next page searches on from there); null otherwise
 */
public record SamplePage(List<SampleRow> samples, Long nextAfterId, Long nextAfterMs, Long searchedThrough) {

    static SamplePage last(List<SampleRow> samples) {
        return new SamplePage(List.copyOf(samples), null, null, null);
    }
}
