package studio.codeact.cli;

import studio.codeact.engine.EngineKind;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code ask} scenarios on the embedded engine, where exiting the interpreter is refused. */
class AskOnEmbeddedEngineTest extends OutFolderScenarios {

    @Override
    EngineKind engineKind() {
        return EngineKind.EMBEDDED;
    }

    @Override
    void checkObservationAfterExit(String observation) {
        assertThat(observation).contains("not allowed").doesNotContain("restarted");
    }
}
