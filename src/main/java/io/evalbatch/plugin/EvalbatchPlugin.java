package io.evalbatch.plugin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a plugin's auto-configuration class (listed in its jar's
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}):
 *
 * <pre>{@code
 * @AutoConfiguration
 * @EvalbatchPlugin(name = "traffic", api = EvalbatchPlugin.API)
 * public class TrafficPlugin {
 *     @Bean
 *     FilterProvider trafficFilter() { ... }
 * }
 * }</pre>
 *
 * {@code api = EvalbatchPlugin.API} is compiled into the plugin with the value of the evalbatch it
 * was built against; evalbatch refuses a plugin whose value differs from its own, naming both.
 */
@Api
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EvalbatchPlugin {

    /**
     * The version of the plugin interface ({@link Api} types). It changes when one of them changes
     * in a way that a plugin built before would break on.
     */
    int API = 1;

    /** The plugin's name, for messages. */
    String name();

    /** Always {@link #API}, which the compiler writes into the plugin as it is built. */
    int api();
}
