package io.evalbatch.distribute;

/**
 * A partition of a distributed run ended without being scored to its end because its worker died
 * or was shut down. {@code restart} (or {@code --auto-restart}) gives it to another worker.
 */
public class PartitionLostException extends RuntimeException {

    public PartitionLostException(String message) {
        super(message);
    }
}
