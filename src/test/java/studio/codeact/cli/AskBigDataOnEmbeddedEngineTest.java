package studio.codeact.cli;

import studio.codeact.engine.EngineKind;

/** The big-data {@code ask} scenarios on the embedded engine. */
@org.junit.jupiter.api.Tag("own-process") // measures this process's memory against a 50 MB ceiling: a fresh JVM (pom.xml)
class AskBigDataOnEmbeddedEngineTest extends AskBigDataScenarios {

    @Override
    EngineKind engineKind() {
        return EngineKind.EMBEDDED;
    }
}
