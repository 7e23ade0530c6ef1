package io.evalbatch.filter.sandbox;

/** The sandbox process itself failed (died, hung, spoke nonsense): not the program's doing. */
public class SandboxFailure extends RuntimeException {

    public SandboxFailure(String message) {
        super(message);
    }

    SandboxFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
