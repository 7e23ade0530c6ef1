package io.evalbatch.cli;

import io.evalbatch.definition.JobDefinition;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --max-cost AMOUNT}, shared by run and restart. */
final class MaxCostOption {

    @Option(names = "--max-cost", paramLabel = "AMOUNT",
            description = "Stop the run before the chunk that would take its spend past AMOUNT, at the job's "
                    + "cost.prices (default: the job's cost.max, else no cap). A stopped run keeps every result; "
                    + "restart it with a higher --max-cost to go on.")
    Double maxCost;

    boolean given() {
        return maxCost != null;
    }

    /** The definition with the cap given; unchanged without --max-cost. */
    JobDefinition applyTo(JobDefinition definition, CommandLine command) {
        if (maxCost == null) {
            return definition;
        }
        if (!Double.isFinite(maxCost) || maxCost < 0) {
            throw new CommandLine.ParameterException(command, "--max-cost must be a number of 0 or more, not " + maxCost);
        }
        return definition.withCost(definition.cost().withMax(maxCost));
    }
}
