package studio.codeact.engine.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds installed kernelspecs the way {@code jupyter kernelspec list} does: in each
 * {@code kernels} folder of the Jupyter data path, the first folder holding a name wins.
 *
 * <p>The data path is {@code $JUPYTER_PATH} (its entries in order), then the user's data dir
 * ({@code $JUPYTER_DATA_DIR}, else {@code $XDG_DATA_HOME/jupyter}, else
 * {@code ~/.local/share/jupyter}), then {@code /usr/local/share/jupyter} and
 * {@code /usr/share/jupyter}.
 */
public final class KernelSpecs {

    private static final System.Logger LOG = System.getLogger(KernelSpecs.class.getName());

    private final List<Path> kernelDirs;

    /** Searches these {@code kernels} folders, in order. */
    public KernelSpecs(List<Path> kernelDirs) {
        this.kernelDirs = List.copyOf(kernelDirs);
    }

    /** The standard search path of this process's environment. */
    public static KernelSpecs standard() {
        return new KernelSpecs(kernelDirs(System.getenv(), Path.of(System.getProperty("user.home"))));
    }

    /** The {@code kernels} folders for an environment and home folder, in search order. */
    public static List<Path> kernelDirs(Map<String, String> env, Path home) {
        List<Path> data = new ArrayList<>();
        String jupyterPath = env.get("JUPYTER_PATH");
        if (jupyterPath != null) {
            for (String entry : jupyterPath.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    data.add(Path.of(entry));
                }
            }
        }
        if (env.get("JUPYTER_DATA_DIR") != null && !env.get("JUPYTER_DATA_DIR").isBlank()) {
            data.add(Path.of(env.get("JUPYTER_DATA_DIR")));
        } else if (env.get("XDG_DATA_HOME") != null && !env.get("XDG_DATA_HOME").isBlank()) {
            data.add(Path.of(env.get("XDG_DATA_HOME"), "jupyter"));
        } else {
            data.add(home.resolve(".local/share/jupyter"));
        }
        data.add(Path.of("/usr/local/share/jupyter"));
        data.add(Path.of("/usr/share/jupyter"));
        return data.stream().map(dir -> dir.resolve("kernels")).distinct().toList();
    }

    public List<Path> kernelDirs() {
        return kernelDirs;
    }

    /** Every kernelspec found, by name; where two folders hold the same name the earlier one wins. */
    public Map<String, KernelSpec> all() {
        Map<String, KernelSpec> found = new LinkedHashMap<>();
        for (Path dir : kernelDirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
                for (Path folder : entries) {
                    String name = folder.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (found.containsKey(name) || !Files.isRegularFile(folder.resolve("kernel.json"))) {
                        continue;
                    }
                    try {
                        found.put(name, KernelSpec.read(folder));
                    } catch (IOException | RuntimeException e) {
                        String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                        LOG.log(System.Logger.Level.WARNING, "skipping the kernelspec in {0}: {1}", folder, why);
                    }
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not list kernelspecs in {0}: {1}", dir, e.getMessage());
            }
        }
        return found;
    }

    /** The kernelspec with this name (case-insensitive), when one is installed. */
    public Optional<KernelSpec> find(String name) {
        return Optional.ofNullable(all().get(name.toLowerCase(Locale.ROOT)));
    }
}
