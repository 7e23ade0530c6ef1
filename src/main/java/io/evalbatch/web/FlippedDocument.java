package io.evalbatch.web;

/**
 * A document two runs score differently: the fraction of its samples that passed in each, and a
 * sample of each to look at (its first).
 */
public record FlippedDocument(String task, String docId, double passedA, double passedB, long sampleA, long sampleB) {
}
