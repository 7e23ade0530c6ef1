package io.evalbatch.plugin;

import io.evalbatch.error.EvalbatchException;
import io.evalbatch.error.ExitCodes;

/** A plugin that evalbatch cannot take in (another API version, a name two plugins claim): the message says which jar. */
public class IncompatiblePluginException extends EvalbatchException {

    public IncompatiblePluginException(String message) {
        super(ExitCodes.INVALID_INPUT, message);
    }

    /** Two providers claim one name ("two filters are named 'x'"): where each comes from. */
    public static IncompatiblePluginException sameName(String claim, Object one, Object other) {
        return new IncompatiblePluginException(claim + ": one from " + PluginJars.of(one.getClass()) + ", one from "
                + PluginJars.of(other.getClass()) + "; take one of them out of EVALBATCH_PLUGINS");
    }
}
