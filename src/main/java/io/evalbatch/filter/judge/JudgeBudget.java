package io.evalbatch.filter.judge;

/**
 * What a run may ask of a judge endpoint: requests and tokens per minute (0: no budget of its own,
 * only what the endpoint's headers say) and requests in flight at once; {@code fraction} is the
 * part of the run this budget is for (1: all of it).
 */
record JudgeBudget(double requestsPerMinute, double tokensPerMinute, int inFlight, double fraction) {

    JudgeBudget(double requestsPerMinute, double tokensPerMinute, int inFlight) {
        this(requestsPerMinute, tokensPerMinute, inFlight, 1);
    }

    /**
     * The part of the budget that falls to a process scoring {@code share} of the run's partitions:
     * the processes of a distributed run together never ask more than the run's budget.
     */
    JudgeBudget share(double share) {
        return new JudgeBudget(requestsPerMinute * share, tokensPerMinute * share,
                Math.max(1, (int) Math.floor(inFlight * share)), fraction * share);
    }
}
