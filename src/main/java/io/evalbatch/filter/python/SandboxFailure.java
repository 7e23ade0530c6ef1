package io.evalbatch.filter.python;

/** The sandbox process itself failed (died, hung, spoke nonsense): not the program's doing. */
class SandboxFailure extends RuntimeException {

    SandboxFailure(String message) {
        super(message);
    }

    SandboxFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
