package studio.codeact.gui;

import studio.codeact.session.PrivateFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One window per user: the first launch listens on a Unix-domain socket in the user's runtime
 * folder ({@code $XDG_RUNTIME_DIR/codeact-studio/studio.sock}, else the state folder
 * {@code ~/.local/state/codeact-studio/}), a folder only the user can enter; a later launch
 * connects, hands over its files (absolute paths, one a line, then an empty line) and exits once
 * the window answered {@code ok}. A socket left by a crashed window is replaced. Launches at the
 * same moment take turns through a lock file beside the socket.
 *
 * <p>Thread: files arrive on {@code codeact-single-instance}, a daemon; the handler is called
 * there (the app moves to the FX thread itself). Files received before a handler is set wait.
 */
public final class SingleInstance implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SingleInstance.class.getName());
    static final String SOCKET = "studio.sock";
    static final String LOCK = "studio.lock";
    private static final Object CLAIMS = new Object();

    private final Path socket;
    private final ServerSocketChannel server;
    private final List<List<Path>> waiting = new ArrayList<>();
    private Consumer<List<Path>> handler;

    private SingleInstance(Path socket, ServerSocketChannel server) {
        this.socket = socket;
        this.server = server;
        Thread.ofPlatform().daemon().name("codeact-single-instance").start(this::serve);
    }

    /** {@code $XDG_RUNTIME_DIR/codeact-studio/studio.sock}, else {@code $XDG_STATE_HOME} or {@code ~/.local/state}, same names. */
    public static Path defaultSocket(Map<String, String> env) {
        String runtime = env.get("XDG_RUNTIME_DIR");
        String state = env.get("XDG_STATE_HOME");
        Path base = runtime != null && !runtime.isBlank() ? Path.of(runtime)
                : state != null && !state.isBlank() ? Path.of(state) : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("codeact-studio").resolve(SOCKET);
    }

    /**
     * Becomes the window's listener, or hands {@code files} to the window already open.
     *
     * @return the listener when this launch should open the window; empty when a running window took the files
     */
    public static Optional<SingleInstance> claim(Path socket, List<Path> files) throws IOException {
        if (handOver(socket, files)) {
            return Optional.empty();
        }
        PrivateFiles.createFolders(socket.getParent());
        PrivateFiles.restrict(socket.getParent());
        // Launches at the same moment take turns: without this, one could remove the socket the other just made.
        // A file lock is held per process, so claims from threads of one JVM take turns on a monitor first.
        synchronized (CLAIMS) {
            return claimLocked(socket, files);
        }
    }

    private static Optional<SingleInstance> claimLocked(Path socket, List<Path> files) throws IOException {
        try (FileChannel lock = FileChannel.open(socket.resolveSibling(LOCK), Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                PrivateFiles.fileAttributes()); FileLock held = lock.lock()) {
            if (handOver(socket, files)) {
                return Optional.empty();
            }
            Files.deleteIfExists(socket);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                server.close();
                throw new IOException("could not listen on " + socket + ": " + e.getMessage(), e);
            }
            return Optional.of(new SingleInstance(socket, server));
        }
    }

    /** Where received files go from now on (also those that arrived before). */
    public synchronized void onFiles(Consumer<List<Path>> filesHandler) {
        handler = filesHandler;
        waiting.forEach(filesHandler);
        waiting.clear();
    }

    public Path socket() {
        return socket;
    }

    private static boolean handOver(Path socket, List<Path> files) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            Writer out = new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8);
            for (Path file : files) {
                out.write(file.toAbsolutePath().normalize() + "\n");
            }
            out.write("\n");
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            return "ok".equals(in.readLine());
        } catch (IOException refused) {
            return false;
        }
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
                List<Path> files = new ArrayList<>();
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    files.add(Path.of(line));
                }
                deliver(List.copyOf(files));
                Writer out = new OutputStreamWriter(Channels.newOutputStream(client), StandardCharsets.UTF_8);
                out.write("ok\n");
                out.flush();
            } catch (IOException | RuntimeException e) {
                if (server.isOpen()) {
                    LOG.log(Level.WARNING, "a second launch could not hand over its files: " + e.getMessage());
                }
            }
        }
    }

    private synchronized void deliver(List<Path> files) {
        if (handler == null) {
            waiting.add(files);
        } else {
            handler.accept(files);
        }
    }

    /** Stops listening and removes the socket (the window closed). */
    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "could not remove " + socket + ": " + e.getMessage());
        }
    }
}
