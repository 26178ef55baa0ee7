package studio.codeact.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where Python interpreters usually live: the system's, an active or well-known conda
 * installation and its environments, virtual environments in the usual folders, and the
 * interpreters named by Jupyter kernelspecs. Finding only; {@link PythonLocator} judges them.
 */
final class PythonCandidates {

    private static final List<String> CONDA_ROOTS = List.of("miniconda3", "anaconda3", "miniforge3", "mambaforge", ".conda");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PythonCandidates() {
    }

    /** Existing interpreter paths, best guesses first, each real file once. */
    static List<Path> find(Map<String, String> env, Path home) {
        List<Path> guesses = new ArrayList<>();
        guesses.add(PythonLocator.SYSTEM_PYTHON);
        guesses.add(Path.of("/usr/local/bin/python3"));
        for (String variable : List.of("VIRTUAL_ENV", "CONDA_PREFIX")) {
            String prefix = env.get(variable);
            if (prefix != null && !prefix.isBlank()) {
                guesses.add(Path.of(prefix, "bin", "python"));
            }
        }
        List<Path> condaRoots = new ArrayList<>();
        CONDA_ROOTS.forEach(name -> condaRoots.add(home.resolve(name)));
        condaRoots.add(Path.of("/opt/conda"));
        for (Path root : condaRoots) {
            guesses.add(root.resolve("bin/python"));
            children(root.resolve("envs")).forEach(envDir -> guesses.add(envDir.resolve("bin/python")));
        }
        for (Path folder : List.of(home.resolve(".virtualenvs"), home.resolve("venvs"), home.resolve(".venvs"))) {
            children(folder).forEach(venv -> guesses.add(venv.resolve("bin/python")));
        }
        guesses.add(home.resolve(".venv/bin/python"));
        guesses.add(home.resolve("venv/bin/python"));
        guesses.addAll(kernelSpecInterpreters(env, home));

        Set<Path> seen = new LinkedHashSet<>();
        List<Path> found = new ArrayList<>();
        for (Path guess : guesses) {
            if (Files.isRegularFile(guess) && Files.isExecutable(guess)) {
                try {
                    if (seen.add(guess.toRealPath())) {
                        found.add(guess);
                    }
                } catch (IOException e) {
                    // unreadable link: not a candidate
                }
            }
        }
        return found;
    }

    /** {@code argv[0]} of every kernelspec in the Jupyter data folders, when it is an absolute path. */
    private static List<Path> kernelSpecInterpreters(Map<String, String> env, Path home) {
        List<Path> folders = new ArrayList<>();
        String jupyterPath = env.get("JUPYTER_PATH");
        if (jupyterPath != null) {
            for (String part : jupyterPath.split(java.io.File.pathSeparator)) {
                if (!part.isBlank()) {
                    folders.add(Path.of(part, "kernels"));
                }
            }
        }
        folders.add(home.resolve(".local/share/jupyter/kernels"));
        folders.add(Path.of("/usr/local/share/jupyter/kernels"));
        folders.add(Path.of("/usr/share/jupyter/kernels"));
        List<Path> interpreters = new ArrayList<>();
        for (Path folder : folders) {
            for (Path spec : children(folder)) {
                try {
                    JsonNode argv = JSON.readTree(spec.resolve("kernel.json").toFile()).path("argv");
                    if (argv.isArray() && !argv.isEmpty() && argv.get(0).asText().startsWith("/")) {
                        interpreters.add(Path.of(argv.get(0).asText()));
                    }
                } catch (IOException e) {
                    // a kernelspec without a readable kernel.json is not a candidate
                }
            }
        }
        return interpreters;
    }

    private static List<Path> children(Path folder) {
        List<Path> children = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return children;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, Files::isDirectory)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            // unreadable folder: nothing to find there
        }
        children.sort(null);
        return children;
    }
}
