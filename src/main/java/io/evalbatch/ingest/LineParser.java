package io.evalbatch.ingest;

import java.util.List;

import io.evalbatch.filter.Sample;

/** Turns one input line into the samples it holds, numbered from {@code firstId}. */
interface LineParser {

    List<Sample> parse(JsonFields line, long firstId);
}
