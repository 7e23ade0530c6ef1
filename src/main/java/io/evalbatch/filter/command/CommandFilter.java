package io.evalbatch.filter.command;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import io.evalbatch.filter.ErrorCause;
import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.ScorerEvents;
import io.evalbatch.filter.ScoringUnavailableException;
import io.evalbatch.filter.SimulationFilter;
import io.evalbatch.filter.sandbox.Confinement;
import io.evalbatch.filter.sandbox.Executables;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores samples with external simulators, one per scoring thread at a time: a thread takes an
 * idle simulator (or starts one), exchanges one request and reply, and gives it back. A simulator
 * that dies, hangs past the timeout or answers garbage is killed and that sample is an error; the
 * next sample starts a fresh one. Simulators that keep failing before any of them ever replied
 * validly mean the command itself is broken, and the run fails so it can be restarted once it is
 * fixed; once one has replied, the command works and a failure is the sample's doing.
 */
final class CommandFilter implements SimulationFilter {

    /** Simulators that failed while none had ever replied validly, after which the command is broken. */
    static final int MAX_FAILED_STARTS = 3;
    private static final Logger log = LoggerFactory.getLogger(CommandFilter.class);

    private final SimulatorSettings settings;
    private final SimulatorProtocol protocol;
    private final ConcurrentLinkedDeque<SimulatorProcess> idle = new ConcurrentLinkedDeque<>();
    private final Set<SimulatorProcess> all = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failedStarts = new AtomicInteger();
    private volatile boolean everReplied;
    private final ScorerEvents events;
    private final @Nullable Confinement confinement;

    /** @param events told of each simulator process started */
    CommandFilter(SimulatorSettings settings, ScorerEvents events) {
        this.settings = settings;
        this.events = events;
        this.confinement = settings.sandbox() ? new Confinement() : null;
        this.protocol = new SimulatorProtocol(settings.parameters());
        // Started now, so that a command that cannot start fails the run before any sample.
        idle.push(start());
    }

    @Override
    public FilterResult evaluate(Sample sample) {
        String request = protocol.request(sample);
        SimulatorProcess simulator = idle.poll();
        if (simulator == null) {
            simulator = start();
        }
        try {
            String reply = simulator.exchange(sample.sampleId(), request, settings.timeout().toMillis());
            FilterResult result = protocol.reply(sample.sampleId(), reply);
            everReplied = true;
            idle.push(simulator);
            return result;
        } catch (SimulatorFailure e) {
            discard(simulator);
            if (!everReplied && failedStarts.incrementAndGet() >= MAX_FAILED_STARTS) {
                throw new ScoringUnavailableException("the simulator " + settings.command() + " failed "
                        + MAX_FAILED_STARTS + " times before any valid reply, last at sample "
                        + sample.sampleId() + ": " + e.getMessage() + " (its stderr is in the log)");
            }
            log.warn("sample {}: simulator {} killed and replaced: {}", sample.sampleId(), simulator.pid(),
                    e.getMessage());
            return FilterResult.error(ErrorCause.SIMULATOR, e.getMessage() + "; the simulator was restarted");
        }
    }

    private SimulatorProcess start() {
        try {
            SimulatorProcess simulator = SimulatorProcess.start(settings, confinement);
            all.add(simulator);
            events.scorerStarted("command");
            return simulator;
        } catch (IOException | Executables.NotUsable e) {
            throw new ScoringUnavailableException("cannot start the simulator " + settings.command() + " in "
                    + settings.directory() + ": " + e.getMessage());
        }
    }

    private void discard(SimulatorProcess simulator) {
        all.remove(simulator);
        simulator.kill();
    }

    @Override
    public void close() {
        all.forEach(SimulatorProcess::close);
        all.clear();
        idle.clear();
        if (confinement != null) {
            confinement.close();
        }
    }
}
