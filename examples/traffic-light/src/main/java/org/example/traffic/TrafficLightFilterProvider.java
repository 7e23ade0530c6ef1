package org.example.traffic;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.definition.InvalidJobDefinitionException;
import io.evalbatch.filter.FilterOption;
import io.evalbatch.filter.FilterProvider;
import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Outcome;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.SimulationFilter;

/**
 * {@code filter: {name: traffic-light, cycle-seconds: 60}}: each response proposes how many
 * seconds of each light cycle north-south gets ("green: 25"); the target describes the crossing
 * ("north-south 20, east-west 10, cycles 60": cars arriving per cycle, cycles simulated). One
 * simulation per response gives several fields: {@code served}, {@code left_waiting},
 * {@code longest_queue}, {@code hours}. A plan passes when no car is left waiting.
 */
public class TrafficLightFilterProvider implements FilterProvider {

    static final FilterOption CYCLE_SECONDS = FilterOption.integer("cycle-seconds", 60, 2, 3600,
            "length of one light cycle, shared by the two directions");
    private static final Pattern GREEN = Pattern.compile("green:\\s*(\\d+)");
    private static final Pattern CROSSING = Pattern.compile(
            "north-south\\s+(\\d+),\\s*east-west\\s+(\\d+),\\s*cycles\\s+(\\d+)");

    @Override
    public String name() {
        return "traffic-light";
    }

    @Override
    public String description() {
        return "simulates a crossing's queues under the light plan a response proposes";
    }

    @Override
    public List<FilterOption> options() {
        return List.of(CYCLE_SECONDS);
    }

    @Override
    public void validate(FilterSpec spec) {
        CYCLE_SECONDS.integer(spec);
    }

    /** Bump whenever the same response could be scored otherwise: it is part of every result's cache key. */
    @Override
    public String version() {
        return "1";
    }

    @Override
    public SimulationFilter create(FilterSpec spec) {
        int cycle = CYCLE_SECONDS.integer(spec);
        return sample -> score(sample, cycle);
    }

    static FilterResult score(Sample sample, int cycle) {
        Matcher crossing = CROSSING.matcher(sample.test());
        if (!crossing.find()) {
            // the data is wrong, not the model: evalbatch records an error, which moves no metric
            throw new IllegalArgumentException("the target does not describe a crossing: " + sample.test());
        }
        Matcher green = GREEN.matcher(sample.response());
        if (!green.find() || Integer.parseInt(green.group(1)) > cycle) {
            return FilterResult.failed("no plan: expected \"green: SECONDS\" of at most " + cycle);
        }
        Intersection intersection = new Intersection(cycle, Integer.parseInt(crossing.group(1)),
                Integer.parseInt(crossing.group(2)), Integer.parseInt(crossing.group(3)));
        Intersection.Outcome run = intersection.simulate(Integer.parseInt(green.group(1)));
        Outcome outcome = run.leftWaiting() == 0 ? Outcome.PASSED : Outcome.FAILED;
        return new FilterResult(outcome, (double) run.served() / run.arrived(), null,
                run.served() + " of " + run.arrived() + " cars through, " + run.leftWaiting() + " left waiting")
                .withFields(Map.of("served", run.served(), "left_waiting", run.leftWaiting(),
                        "longest_queue", run.longestQueue(), "hours", intersection.cycles() * cycle / 3600.0));
    }
}
