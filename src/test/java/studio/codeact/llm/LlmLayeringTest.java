package studio.codeact.llm;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The llm layer's own boundaries: callers see {@code ChatModel} and friends, never the transport or another provider's insides. */
class LlmLayeringTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("studio.codeact");

    @Test
    void theSharedHttpTransportIsUsedOnlyByTheProviders() {
        noClasses().that().resideOutsideOfPackages("studio.codeact.llm.http..", "studio.codeact.llm.openai..", "studio.codeact.llm.anthropic..")
                .should().dependOnClassesThat().resideInAPackage("studio.codeact.llm.http..")
                .check(CLASSES);
    }

    @Test
    void providersDoNotReachIntoEachOther() {
        noClasses().that().resideInAPackage("studio.codeact.llm.openai..")
                .should().dependOnClassesThat().resideInAPackage("studio.codeact.llm.anthropic..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("studio.codeact.llm.anthropic..")
                .should().dependOnClassesThat().resideInAPackage("studio.codeact.llm.openai..")
                .check(CLASSES);
    }

    @Test
    void theProviderNeutralApiKnowsNoWireFormat() {
        noClasses().that().resideInAPackage("studio.codeact.llm")
                .and().doNotHaveSimpleName("ChatModels")
                .should().dependOnClassesThat().resideInAnyPackage("studio.codeact.llm.openai..", "studio.codeact.llm.anthropic..",
                        "studio.codeact.llm.http..", "okhttp3..", "com.fasterxml.jackson..")
                .check(CLASSES);
    }
}
