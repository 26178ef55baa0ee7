package studio.codeact.cli;

import studio.codeact.engine.EngineKind;

/** {@code ask --resume} with the embedded engine (a fresh shell in the one interpreter). */
class ResumeOnEmbeddedEngineTest extends ResumeScenarios {
    @Override
    EngineKind engineKind() {
        return EngineKind.EMBEDDED;
    }
}
