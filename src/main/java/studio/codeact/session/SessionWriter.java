package studio.codeact.session;

import java.nio.file.Path;

/**
 * Writes {@code session.json} on a thread of its own, so the agent never waits for the disk:
 * each change hands over the latest snapshot; the writer writes it atomically (temporary file,
 * fsync, rename — {@link AtomicFiles}), and when changes come faster than the disk, only the
 * newest is written. The file on disk is therefore always a complete session, at most one write
 * behind; {@link #flush()} waits until it has caught up.
 *
 * <p>Thread: {@code codeact-session-writer}, a daemon; {@link #submit} and {@link #flush} may be
 * called from any thread.
 */
final class SessionWriter implements AutoCloseable {

    private final Path file;
    private final Thread thread;
    private Session pending;
    private long requested;
    private long written;
    private boolean closed;
    private SessionException failure;

    SessionWriter(Path file) {
        this.file = file;
        this.thread = Thread.ofPlatform().daemon().name("codeact-session-writer").start(this::loop);
    }

    /** Queues {@code session} to be written, replacing any snapshot not yet written. */
    synchronized void submit(Session session) {
        rethrow();
        if (closed) {
            throw new SessionException("the session store of " + file.getParent() + " is closed");
        }
        pending = session;
        requested++;
        notifyAll();
    }

    /** Waits until the latest submitted snapshot is on disk. */
    synchronized void flush() {
        boolean interrupted = false;
        while (written < requested && failure == null) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        rethrow();
    }

    /** Writes what is pending, then stops the thread. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            rethrow();
        }
    }

    private void loop() {
        while (true) {
            Session snapshot;
            long version;
            synchronized (this) {
                while (pending == null && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (pending == null) {
                    return;
                }
                snapshot = pending;
                version = requested;
                pending = null;
            }
            try {
                AtomicFiles.write(file, SessionJson.write(snapshot));
            } catch (RuntimeException e) {
                synchronized (this) {
                    failure = e instanceof SessionException s ? s : new SessionException("could not write " + file + ": " + e, e);
                    notifyAll();
                }
                return;
            }
            synchronized (this) {
                written = version;
                notifyAll();
            }
        }
    }

    private void rethrow() {
        if (failure != null) {
            throw failure;
        }
    }
}
