package studio.codeact.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The layering of {@code docs/architecture.md} ("Rules the build enforces"), enforced. */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("studio.codeact");
    }

    @Test
    void onlyTheGuiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("studio.codeact.gui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.fxmisc..", "atlantafx..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void nothingDependsOnTheGui() {
        noClasses().that().resideOutsideOfPackage("studio.codeact.gui..")
                .should().dependOnClassesThat().resideInAPackage("studio.codeact.gui..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void engineImplementationsAreChosenInOnePlace() {
        noClasses().that().resideOutsideOfPackages("studio.codeact.engine.embedded..", "studio.codeact.engine.kernel..",
                        "studio.codeact.engine.remote..")
                .and().doNotHaveFullyQualifiedName("studio.codeact.engine.Engines")
                .should().dependOnClassesThat().resideInAnyPackage("studio.codeact.engine.embedded..", "studio.codeact.engine.kernel..",
                        "studio.codeact.engine.remote..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theRemoteEngineSharesTheProtocolCoreNotTheZeroMqEngine() {
        noClasses().that().resideInAPackage("studio.codeact.engine.remote..")
                .should().dependOnClassesThat().resideInAnyPackage("studio.codeact.engine.kernel..", "studio.codeact.engine.embedded..",
                        "org.zeromq..", "zmq..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theJupyterProtocolCoreKnowsNoTransport() {
        noClasses().that().resideInAnyPackage("studio.codeact.engine.jupyter..", "studio.codeact.engine.support..")
                .should().dependOnClassesThat().resideInAnyPackage("org.zeromq..", "zmq..",
                        "studio.codeact.engine.embedded..", "studio.codeact.engine.kernel..", "studio.codeact.engine.remote..")
                .check(classes);
    }

    @Test
    void onlyEnginesUseTheProtocolCoreAndTheEngineSupport() {
        noClasses().that().resideOutsideOfPackage("studio.codeact.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("studio.codeact.engine.jupyter..", "studio.codeact.engine.support..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void providerWireFormatsStayInsideTheirProvider() {
        noClasses().that().resideOutsideOfPackage("studio.codeact.llm..")
                .should().dependOnClassesThat().resideInAPackage("studio.codeact.llm..internal..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void coreLayersDoNotReachUp() {
        noClasses().that().resideInAnyPackage("studio.codeact.engine..", "studio.codeact.llm..", "studio.codeact.session..")
                .should().dependOnClassesThat().resideInAnyPackage("studio.codeact.agent..", "studio.codeact.cli..", "studio.codeact.bench..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theSharedNetworkingPiecesDependOnNothingInTheProduct() {
        ArchRuleDefinition.classes().that().resideInAPackage("studio.codeact.net..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("studio.codeact.net..", "java..", "javax..")
                .check(classes);
    }

    @Test
    void theCommandsDoNotDependOnTheBenchmarks() {
        noClasses().that().resideInAPackage("studio.codeact.cli").and().doNotHaveSimpleName("Main")
                .should().dependOnClassesThat().resideInAPackage("studio.codeact.cli.perf..")
                .check(classes);
    }

    @Test
    void loggingGoesThroughSystemLogger() {
        noClasses().should().dependOnClassesThat().resideInAPackage("java.util.logging..")
                .because("one logging API (System.Logger) for the whole app; its JDK backend is java.util.logging")
                .check(classes);
    }

    @Test
    void everyPackageSaysWhatItIs() throws java.io.IOException {
        java.nio.file.Path sources = java.nio.file.Path.of("src/main/java");
        try (java.util.stream.Stream<java.nio.file.Path> folders = java.nio.file.Files.walk(sources)) {
            java.util.List<String> undocumented = folders.filter(java.nio.file.Files::isDirectory)
                    .filter(LayeringTest::holdsJava)
                    .filter(folder -> !java.nio.file.Files.exists(folder.resolve("package-info.java")))
                    .map(folder -> sources.relativize(folder).toString().replace('/', '.'))
                    .toList();
            org.assertj.core.api.Assertions.assertThat(undocumented).as("packages without a package-info.java").isEmpty();
        }
    }

    private static boolean holdsJava(java.nio.file.Path folder) {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(folder)) {
            return files.anyMatch(file -> file.toString().endsWith(".java"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
