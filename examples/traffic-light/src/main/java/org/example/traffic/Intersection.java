package org.example.traffic;

/**
 * A crossing with a fixed light cycle: each cycle, northSouth and eastWest cars arrive and join
 * their queues; then north-south has `green` seconds of green and east-west the rest of the
 * cycle, and each second of green lets one queued car through.
 */
record Intersection(int cycleSeconds, int northSouth, int eastWest, int cycles) {

    /** What one run of the simulation measured. */
    record Outcome(int arrived, int served, int leftWaiting, int longestQueue) {
    }

    /** Deterministic: the same plan on the same crossing gives the same outcome, in any thread. */
    Outcome simulate(int green) {
        int queueNs = 0;
        int queueEw = 0;
        int served = 0;
        int longest = 0;
        for (int cycle = 0; cycle < cycles; cycle++) {
            queueNs += northSouth;
            queueEw += eastWest;
            longest = Math.max(longest, Math.max(queueNs, queueEw));
            int throughNs = Math.min(queueNs, green);
            int throughEw = Math.min(queueEw, cycleSeconds - green);
            queueNs -= throughNs;
            queueEw -= throughEw;
            served += throughNs + throughEw;
        }
        return new Outcome(cycles * (northSouth + eastWest), served, queueNs + queueEw, longest);
    }
}
