package studio.codeact.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PythonCandidatesTest {

    @TempDir
    Path home;

    private Path fakePython(String relative) throws IOException {
        Path file = home.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void findsCondaEnvironmentsVenvsAndKernelspecInterpreters() throws IOException {
        Path conda = fakePython("miniconda3/envs/analysis/bin/python");
        Path venv = fakePython(".virtualenvs/work/bin/python");
        Path specPython = fakePython("elsewhere/bin/python3");
        Path spec = Files.createDirectories(home.resolve("jupyter/kernels/mine"));
        Files.writeString(spec.resolve("kernel.json"), "{\"argv\": [\"" + specPython + "\", \"-m\", \"ipykernel_launcher\", \"-f\", \"{connection_file}\"]}");

        List<Path> found = PythonCandidates.find(Map.of("JUPYTER_PATH", home.resolve("jupyter").toString()), home);

        assertThat(found).contains(conda, venv, specPython);
        assertThat(found.indexOf(conda)).isLessThan(found.indexOf(specPython));
    }

    @Test
    void listsEachInterpreterOnceAndSkipsWhatIsNotExecutable() throws IOException {
        Path python = fakePython("venv/bin/python");
        Files.createDirectories(home.resolve(".venv/bin"));
        Files.createSymbolicLink(home.resolve(".venv/bin/python"), python);
        Path notExecutable = home.resolve("anaconda3/bin/python");
        Files.createDirectories(notExecutable.getParent());
        Files.writeString(notExecutable, "");

        List<Path> found = PythonCandidates.find(Map.of("VIRTUAL_ENV", home.resolve("venv").toString()), home);

        assertThat(found).containsOnlyOnce(python).doesNotContain(notExecutable, home.resolve(".venv/bin/python"));
    }

    @Test
    void discoveredInterpretersHaveEveryRequiredPackage() {
        assertThat(PythonLocator.discover()).allSatisfy(found -> assertThat(found.missingRequired()).isEmpty());
        assertThat(PythonLocator.chooseReady(null)).isEqualTo(PythonLocator.choose(null));
    }
}
