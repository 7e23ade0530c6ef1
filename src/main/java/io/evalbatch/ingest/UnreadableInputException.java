package io.evalbatch.ingest;

/**
 * Input that cannot be read on from here: text that is not UTF-8, corrupt gzip, a file in the
 * wrong shape, broken JSON structure. Unlike one bad line it is never skipped.
 */
class UnreadableInputException extends InvalidInputException {

    UnreadableInputException(String file, long line, String reason) {
        super(file, line, reason);
    }
}
