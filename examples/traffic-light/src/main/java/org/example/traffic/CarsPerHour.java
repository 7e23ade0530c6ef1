package org.example.traffic;

import io.evalbatch.metrics.DocumentOutcomes;
import io.evalbatch.metrics.FieldValues;
import io.evalbatch.metrics.MetricProvider;

/**
 * {@code metrics: {cars-per-hour: true, fields: [served, hours]}}: a document's cars through per
 * simulated hour, averaged over its samples; the job lists the two fields it reads.
 */
public class CarsPerHour implements MetricProvider {

    @Override
    public String key() {
        return "cars-per-hour";
    }

    @Override
    public boolean takesK() {
        return false;
    }

    @Override
    public String name(int k) {
        return "cars_per_hour";
    }

    @Override
    public double value(int k, DocumentOutcomes document) {
        FieldValues served = document.fields().get("served");
        FieldValues hours = document.fields().get("hours");
        if (served == null || hours == null || served.numbers() == 0 || hours.sum() == 0) {
            return Double.NaN;
        }
        return served.sum() / hours.sum();
    }
}
