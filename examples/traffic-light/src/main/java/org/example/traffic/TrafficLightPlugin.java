package org.example.traffic;

import io.evalbatch.filter.FilterProvider;
import io.evalbatch.ingest.SampleFormat;
import io.evalbatch.metrics.MetricProvider;
import io.evalbatch.plugin.EvalbatchPlugin;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The plugin's entry point, listed in
 * META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports: evalbatch finds
 * its filter, its input format and its metric kind as it finds its own.
 */
@AutoConfiguration
@EvalbatchPlugin(name = "traffic-light", api = EvalbatchPlugin.API)
public class TrafficLightPlugin {

    @Bean
    FilterProvider trafficLightFilter() {
        return new TrafficLightFilterProvider();
    }

    @Bean
    SampleFormat lightPlans() {
        return new LightPlans();
    }

    @Bean
    MetricProvider carsPerHour() {
        return new CarsPerHour();
    }
}
