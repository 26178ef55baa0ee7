package studio.codeact.engine.embedded;

import org.junit.jupiter.api.Test;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.PythonInterpreter;
import studio.codeact.engine.PythonLocator;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LibPythonTest {

    @Test
    void aPythonWithoutASharedLibraryPointsToTheKernelEngine() {
        PythonInterpreter staticBuild = new PythonInterpreter(Path.of("/opt/static/bin/python3"), "3.12.1", Path.of("/opt/static"),
                Path.of("/opt/static"), List.of(), Optional.empty(), Map.of());
        assertThatThrownBy(() -> LibPython.load(staticBuild)).isInstanceOf(EngineException.class)
                .hasMessageContaining("/opt/static/bin/python3 has no shared libpython")
                .hasMessageContaining("use --engine kernel");
    }

    @Test
    void aLibraryThatDoesNotLoadSaysWhy() {
        PythonInterpreter broken = new PythonInterpreter(Path.of("/usr/bin/python3"), "3.11.2", Path.of("/usr"), Path.of("/usr"),
                List.of(), Optional.of(Path.of("/etc/hostname")), Map.of());
        assertThatThrownBy(() -> LibPython.load(broken)).isInstanceOf(EngineException.class)
                .hasMessageContaining("could not load /etc/hostname").hasMessageContaining("--engine kernel");
    }

    @Test
    void theConfiguredPythonsLibraryLoadsGlobally() {
        LibPython library = LibPython.load(PythonLocator.probe(PythonLocator.choose(null)));
        assertThat(library.has("Py_InitializeEx")).isTrue();
        assertThat(library.path().getFileName().toString()).startsWith("libpython3");
    }
}
