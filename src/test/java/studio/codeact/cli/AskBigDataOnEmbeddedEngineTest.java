package studio.codeact.cli;

import studio.codeact.engine.EngineKind;

/** The big-data {@code ask} scenarios on the embedded engine. */
class AskBigDataOnEmbeddedEngineTest extends AskBigDataScenarios {

    @Override
    EngineKind engineKind() {
        return EngineKind.EMBEDDED;
    }
}
