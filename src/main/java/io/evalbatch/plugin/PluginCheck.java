package io.evalbatch.plugin;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.stereotype.Component;

/**
 * Refuses a plugin built against another version of the plugin interface before any of its
 * beans is made: a plugin whose API types changed under it fails as its beans are made (a missing
 * method, a missing class), with a message about that rather than about the plugin. So the check
 * reads the annotation from the bean definitions, as Spring found the plugins' auto-configurations,
 * without making or even loading their classes.
 */
@Component
class PluginCheck implements BeanFactoryPostProcessor {

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beans) {
        for (String name : beans.getBeanDefinitionNames()) {
            if (!(beans.getBeanDefinition(name) instanceof AnnotatedBeanDefinition definition)) {
                continue;
            }
            MergedAnnotation<EvalbatchPlugin> plugin = definition.getMetadata().getAnnotations()
                    .get(EvalbatchPlugin.class);
            if (plugin.isPresent() && plugin.getInt("api") != EvalbatchPlugin.API) {
                String type = definition.getMetadata().getClassName();
                throw new IncompatiblePluginException("plugin " + plugin.getString("name") + " ("
                        + PluginJars.of(type, beans.getBeanClassLoader()) + ") was built against evalbatch's plugin API "
                        + plugin.getInt("api") + ", and this evalbatch has API " + EvalbatchPlugin.API
                        + ": build the plugin again against this evalbatch (./mvnw install)");
            }
        }
    }
}
