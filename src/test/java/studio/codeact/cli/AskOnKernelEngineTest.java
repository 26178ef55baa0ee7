package studio.codeact.cli;

import studio.codeact.engine.EngineKind;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code ask} scenarios on the Jupyter kernel engine, where exiting kills the kernel and the agent restarts it. */
class AskOnKernelEngineTest extends OutFolderScenarios {

    @Override
    EngineKind engineKind() {
        return EngineKind.KERNEL;
    }

    @Override
    void checkObservationAfterExit(String observation) {
        assertThat(observation).contains("restarted").contains("datasets were loaded again (sales)");
    }
}
