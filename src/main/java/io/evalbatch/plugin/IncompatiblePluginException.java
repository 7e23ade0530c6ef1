package io.evalbatch.plugin;

import io.evalbatch.error.EvalbatchException;
import io.evalbatch.error.ExitCodes;

/** A plugin that evalbatch cannot take in (another API version, a name two plugins claim): the message says which jar. */
public class IncompatiblePluginException extends EvalbatchException {

    public IncompatiblePluginException(String message) {
        super(ExitCodes.INVALID_INPUT, message);
    }
}
