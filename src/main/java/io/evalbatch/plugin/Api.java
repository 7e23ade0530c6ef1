package io.evalbatch.plugin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A type of evalbatch's plugin interface: plugins may implement, call and depend on it, and it
 * changes only with {@link EvalbatchPlugin#API}. Types without this mark are internal.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Api {
}
