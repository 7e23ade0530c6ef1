package io.evalbatch.step;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.listener.ItemReadListener;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.stereotype.Component;

/**
 * Makes this process kill itself with SIGKILL at one chosen point of a step, so that the crash
 * tests can stop evalbatch exactly where they want and then check what {@code restart} makes of it.
 * {@code EVALBATCH_CRASH_AT=STEP:read:N} kills after the N-th item this process read in step STEP
 * (mid-chunk: read, not yet written); {@code STEP:write:N} after the N-th chunk was written but
 * before its transaction commits. Unset, every step gets a listener that does nothing.
 */
@Component
class CrashPoints {

    private final @Nullable String step;
    private final boolean onRead;
    private final long count;

    CrashPoints(CrashSettings settings) {
        Matcher m = settings.point();
        step = m == null ? null : m.group(1);
        onRead = m != null && m.group(2).equals("read");
        count = m == null ? 0 : Long.parseLong(m.group(3));
    }

    /** The listener to register on step {@code stepName}. */
    StepListener forStep(String stepName) {
        return stepName.equals(step) ? new Trigger(stepName + (onRead ? ":read:" : ":write:") + count) : new StepListener() {
        };
    }

    private final class Trigger implements ItemReadListener<Object>, ItemWriteListener<Object> {

        private final String point;
        private final AtomicLong reads = new AtomicLong();
        private final AtomicLong writes = new AtomicLong();

        Trigger(String point) {
            this.point = point;
        }

        @Override
        public void afterRead(Object item) {
            if (onRead && reads.incrementAndGet() == count) {
                crash();
            }
        }

        @Override
        public void afterWrite(Chunk<?> items) {
            if (!onRead && writes.incrementAndGet() == count) {
                crash();
            }
        }

        private void crash() {
            System.err.println("crash point " + point + " reached: killing this process with SIGKILL");
            System.err.flush();
            try {
                new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).inheritIO().start();
                // The signal arrives within milliseconds; this thread must not get any further.
                while (true) {
                    Thread.sleep(60_000);
                }
            } catch (IOException | InterruptedException e) {
                Runtime.getRuntime().halt(137);
            }
        }
    }
}
