package studio.codeact.engine.remote;

import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.JupyterServerConfig;
import studio.codeact.engine.JupyterServerException;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.ServerFolder;
import studio.codeact.engine.TransferProgress;
import studio.codeact.engine.jupyter.JupyterEngine;
import studio.codeact.engine.jupyter.KernelEvents;
import studio.codeact.engine.jupyter.KernelLauncher;
import studio.codeact.engine.jupyter.LaunchedKernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A {@link PythonEngine} whose kernels run on a Jupyter server: the protocol core
 * ({@link JupyterEngine}) over a {@link KernelSocket}, with kernels started and stopped through
 * the server's REST API ({@link ServerApi}). Each kernel works in the session's folder on the
 * server ({@code codeact/<session>/work}, made through the Contents API when the server has
 * one); data files go there too ({@link #dataPath}).
 *
 * <p>Threads: those of {@link JupyterEngine} ({@code codeact-remote-events},
 * {@code codeact-remote-timer}), OkHttp's WebSocket reader per kernel, a
 * {@code codeact-remote-watch} thread per kernel that asks the server for its status, and a
 * {@code codeact-remote-reconnect} thread while a dropped link is being opened again.
 */
public final class RemoteEngine extends JupyterEngine {

    private final Launcher launcher;

    public RemoteEngine(EngineConfig config) {
        this(config, KernelSocket.Offer.V1);
    }

    /** An engine that offers the server only the formats {@code offer} allows (tests of both wire formats). */
    public RemoteEngine(EngineConfig config, KernelSocket.Offer offer) {
        this(config, new Launcher(server(config), offer, RemoteFolders.workPath(config.workingDirectory())));
    }

    private RemoteEngine(EngineConfig config, Launcher launcher) {
        super(EngineKind.REMOTE, config, launcher);
        this.launcher = launcher;
    }

    private static JupyterServerConfig server(EngineConfig config) {
        return config.jupyterServer().orElseThrow(() -> new EngineException(
                "the remote engine needs a Jupyter server: pass --jupyter-url URL, or set it in Settings → Python engine → Jupyter server"));
    }

    /** The server's REST API as this engine reaches it. */
    public ServerApi api() {
        return launcher.api;
    }

    /** The session's working folder on the server, relative to its root ("" when the server has no Contents API). */
    public String workPath() {
        return launcher.folderReady ? launcher.workPath : "";
    }

    /** The id of the kernel running now, if one does. */
    public java.util.Optional<String> kernelId() {
        return runningKernel().map(kernel -> ((ServerKernel) kernel).id());
    }

    /**
     * With a server data folder set, {@code dataFolder/name} as is; else the file (or a folder,
     * recursively) is uploaded into
     * the kernel's working folder on the server (in chunks, with progress) and read there by name.
     */
    @Override
    public String dataPath(Path localFile, TransferProgress progress) {
        JupyterServerConfig server = launcher.server;
        String name = localFile.getFileName().toString();
        if (server.dataPath().isPresent()) {
            return server.dataPath().get().replaceAll("/+$", "") + "/" + name;
        }
        if (!launcher.folderReady) {
            throw new EngineException("the Jupyter server at " + server.url() + " has no Contents API to upload " + name
                    + " to; put the data on the server and name its folder with --jupyter-data-path (or Settings → Python engine)");
        }
        if (Files.isDirectory(localFile)) {
            uploadFolder(localFile, launcher.workPath + "/" + name, progress);
            return name;
        }
        if (!Files.isRegularFile(localFile)) {
            throw new EngineException("cannot upload " + localFile + ": it is not a file");
        }
        launcher.contents.upload(localFile, launcher.workPath + "/" + name, (sent, total) -> progress.onProgress(name, sent, total));
        return name;
    }

    /** A folder (a benchmark suite, a package) goes up file by file, its layout kept; Python caches stay behind. */
    private void uploadFolder(Path folder, String remote, TransferProgress progress) {
        try (java.util.stream.Stream<Path> all = Files.walk(folder)) {
            for (Path path : all.filter(p -> !p.toString().contains("__pycache__")).sorted().toList()) {
                String target = remote + (path.equals(folder) ? "" : "/" + folder.relativize(path).toString().replace('\\', '/'));
                if (Files.isDirectory(path)) {
                    launcher.contents.createFolders(target);
                } else {
                    String shown = folder.getFileName() + "/" + folder.relativize(path);
                    launcher.contents.upload(path, target, (sent, total) -> progress.onProgress(shown, sent, total));
                }
            }
        } catch (java.io.IOException e) {
            throw new EngineException("could not read " + folder + " to upload it: " + e.getMessage(), e);
        }
    }

    /** The server-side working folder's entries. */
    public List<ContentsApi.Entry> listWorkFolder() {
        return launcher.contents.list(workPath());
    }

    /** The session's folder on the server, as the Files panel lists it; made on first use, as a kernel's start makes it. */
    @Override
    public Optional<ServerFolder> serverFolder() {
        return Optional.of(new RemoteWorkFolder(launcher.contents, () -> {
            launcher.prepareFolder();
            if (!launcher.folderReady) {
                throw new JupyterServerException(JupyterServerException.Problem.REFUSED, "the Jupyter server at "
                        + launcher.server.url() + " has no Contents API, so the files the code writes there cannot be listed here");
            }
            return launcher.workPath;
        }, launcher.server.url().toString()));
    }

    /** Starts kernels on the server; makes the working folder once, before the first. */
    private static final class Launcher implements KernelLauncher {
        final JupyterServerConfig server;
        final ServerApi api;
        final ContentsApi contents;
        final KernelSocket.Offer offer;
        final String workPath;
        volatile boolean folderReady;
        private volatile boolean folderTried;

        Launcher(JupyterServerConfig server, KernelSocket.Offer offer, String workPath) {
            this.server = server;
            this.api = new ServerApi(server);
            this.contents = new ContentsApi(api);
            this.offer = offer;
            this.workPath = workPath;
        }

        @Override
        public LaunchedKernel launch(KernelEvents events) {
            prepareFolder();
            return ServerKernel.launch(api, server.kernelName().orElse(""), folderReady ? workPath : "", offer, events);
        }

        /** Creates the working folder; a server without a Contents API (a gateway) starts kernels where it likes. */
        synchronized void prepareFolder() {
            if (folderTried) {
                return;
            }
            try {
                contents.createFolders(workPath);
                folderReady = true;
            } catch (JupyterServerException e) {
                if (e.problem() == JupyterServerException.Problem.UNREACHABLE || e.isSettingsProblem()) {
                    throw e;
                }
                System.getLogger(RemoteEngine.class.getName()).log(System.Logger.Level.INFO,
                        "no Contents API on " + server.url() + " (" + e.getMessage() + "); kernels start in the server's own folder");
            }
            folderTried = true;
        }

        @Override
        public String python() {
            return server.kernelName().orElse("(default kernel)") + " on " + server.url();
        }
    }
}
