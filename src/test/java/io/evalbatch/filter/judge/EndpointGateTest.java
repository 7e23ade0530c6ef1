package io.evalbatch.filter.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * How the budget of one endpoint is made from the shares of the filters open on it and from the
 * limit the endpoint advertises: the processes of a distributed run together keep the run's budget.
 */
class EndpointGateTest {

    @Test
    void theBudgetIsTheSumOfTheOpenShares() {
        EndpointGate gate = new EndpointGate("test");
        JudgeBudget run = new JudgeBudget(600, 0, 32);
        assertThat(gate.requestsPerMinute()).isInfinite();
        // A worker scoring one partition of four, then a second one of the same run.
        EndpointGate.Registration first = gate.open(run.share(0.25));
        assertThat(gate.requestsPerMinute()).isCloseTo(150, within(1e-9));
        EndpointGate.Registration second = gate.open(run.share(0.25));
        assertThat(gate.requestsPerMinute()).isCloseTo(300, within(1e-9));
        first.close();
        assertThat(gate.requestsPerMinute()).isCloseTo(150, within(1e-9));
        second.close();
        assertThat(gate.requestsPerMinute()).isInfinite();
    }

    @Test
    void anAdvertisedLimitCapsTheBudgetWithHeadroom() {
        EndpointGate gate = new EndpointGate("test");
        try (EndpointGate.Registration whole = gate.open(new JudgeBudget(0, 0, 32))) {
            gate.learn(limit(1000));
            assertThat(gate.requestsPerMinute()).isCloseTo(970, within(1e-9));
        }
        try (EndpointGate.Registration half = gate.open(new JudgeBudget(600, 0, 32).share(0.5))) {
            // Half of the run here: half of the endpoint's limit, or the run's share if smaller.
            assertThat(gate.requestsPerMinute()).isCloseTo(300, within(1e-9));
            gate.learn(limit(400));
            assertThat(gate.requestsPerMinute()).isCloseTo(400 * 0.97 * 0.5, within(1e-9));
        }
    }

    private static RateLimitHeaders limit(long perMinute) {
        return RateLimitHeaders.read(Map.of("x-ratelimit-limit-requests", List.of(Long.toString(perMinute)))::get,
                java.time.Instant.now());
    }
}
