package studio.codeact.cli;

import studio.codeact.engine.EngineKind;

/** The big-data {@code ask} scenarios on the kernel engine. */
class AskBigDataOnKernelEngineTest extends AskBigDataScenarios {

    @Override
    EngineKind engineKind() {
        return EngineKind.KERNEL;
    }
}
