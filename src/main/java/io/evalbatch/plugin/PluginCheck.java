package io.evalbatch.plugin;

import java.util.Map;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.stereotype.Component;

/**
 * Refuses, once every bean is made and before any command works, a plugin built against another
 * version of the plugin interface: its classes could fail anywhere later, with a message about a
 * missing method rather than about the plugin.
 */
@Component
class PluginCheck implements SmartInitializingSingleton {

    private final ApplicationContext context;

    PluginCheck(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (Map.Entry<String, Object> bean : context.getBeansWithAnnotation(EvalbatchPlugin.class).entrySet()) {
            Class<?> type = org.springframework.util.ClassUtils.getUserClass(bean.getValue());
            EvalbatchPlugin plugin = AnnotationUtils.findAnnotation(type, EvalbatchPlugin.class);
            if (plugin != null && plugin.api() != EvalbatchPlugin.API) {
                throw new IncompatiblePluginException("plugin " + plugin.name() + " (" + PluginJars.of(type)
                        + ") was built against evalbatch's plugin API " + plugin.api() + ", and this evalbatch has API "
                        + EvalbatchPlugin.API + ": build the plugin again against this evalbatch (./mvnw install)");
            }
        }
    }
}
