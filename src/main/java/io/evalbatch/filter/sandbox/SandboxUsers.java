package io.evalbatch.filter.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;

import com.sun.security.auth.module.UnixSystem;
import org.jspecify.annotations.Nullable;

/**
 * Hands out the unprivileged user ids that sandboxes run programs as, one per sandbox, so that
 * process limits of one sandbox never starve another — also across evalbatch processes on one
 * machine, which coordinate through lock files.
 */
public final class SandboxUsers {

    static final int FIRST_UID = 61000;
    public static final int COUNT = 1000;

    private final Path lockDirectory;

    public SandboxUsers(Path lockDirectory) {
        this.lockDirectory = lockDirectory;
    }

    public static boolean runningAsRoot() {
        return new UnixSystem().getUid() == 0;
    }

    /** A user id held until the lease is closed; empty when not running as root. */
    public Lease acquire() {
        if (!runningAsRoot()) {
            return new Lease(OptionalInt.empty(), null);
        }
        try {
            Files.createDirectories(lockDirectory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            for (int uid = FIRST_UID; uid < FIRST_UID + COUNT; uid++) {
                FileChannel channel = FileChannel.open(lockDirectory.resolve("uid-" + uid + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (java.nio.channels.OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock != null) {
                    return new Lease(OptionalInt.of(uid), channel);
                }
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot allocate a sandbox user in " + lockDirectory, e);
        }
        throw new SandboxFailure("all " + COUNT + " sandbox user ids from " + FIRST_UID + " are in use");
    }

    public record Lease(OptionalInt uid, @Nullable FileChannel lock) implements AutoCloseable {

        @Override
        public void close() {
            if (lock != null) {
                try {
                    lock.close();
                } catch (IOException ignored) {
                    // the lock dies with the process anyway
                }
            }
        }
    }
}
