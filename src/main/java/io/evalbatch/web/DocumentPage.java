package io.evalbatch.web;

import java.util.List;

/**
 * A page of documents; the next starts after {@code (nextAfterTask, nextAfterDoc)}, null on the last.
 */
public record DocumentPage(List<DocumentRow> documents, String nextAfterTask, String nextAfterDoc) {
}
