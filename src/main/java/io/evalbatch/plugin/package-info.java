/**
 * What plugins build on and how evalbatch takes them in. A plugin is a jar on the class path
 * ({@code EVALBATCH_PLUGINS}) holding a Spring Boot auto-configuration marked {@link
 * io.evalbatch.plugin.EvalbatchPlugin}, whose beans are filters ({@code FilterProvider}), input
 * formats ({@code SampleFormat}) and metric kinds ({@code MetricProvider}). The types marked {@link io.evalbatch.plugin.Api} are
 * the stable interface plugins compile against; everything else in evalbatch is internal and may
 * change in any version. {@link io.evalbatch.plugin.PluginCheck} refuses, before any of its beans
 * is made, a plugin built against another version of that interface.
 */
@NullMarked
package io.evalbatch.plugin;

import org.jspecify.annotations.NullMarked;
