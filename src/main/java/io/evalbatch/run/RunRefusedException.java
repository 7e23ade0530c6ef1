package io.evalbatch.run;

/** A run cannot be started or restarted as asked; the message says why and what to do. */
public class RunRefusedException extends RuntimeException {

    public RunRefusedException(String message) {
        super(message);
    }
}
