package studio.codeact.gui.shell;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.codeact.engine.sandbox.SandboxSettings;
import studio.codeact.engine.sandbox.SandboxStatus;
import studio.codeact.gui.Screenshot;
import studio.codeact.gui.ScriptedEngine;
import studio.codeact.gui.UiState;
import studio.codeact.gui.UiStateStore;
import studio.codeact.gui.Workers;
import studio.codeact.gui.assistant.NoAssistant;
import studio.codeact.gui.settings.FileSettingsStorage;
import studio.codeact.gui.settings.SettingsForm;
import studio.codeact.llm.settings.SettingsFile;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings → Sandbox and the "Ask before running code" default it decides, in whole windows under
 * Monocle: the switch is stored in the settings file and used for the next engine; with the
 * sandbox off the toggle is on and the window says why; an explicit choice is remembered.
 */
@ExtendWith(ApplicationExtension.class)
class SandboxSettingsFxTest {

    @TempDir
    Path folder;

    private final List<SettingsForm> enginesMadeWith = new CopyOnWriteArrayList<>();
    private final List<Studio> windows = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        // each test opens its own windows
    }

    @AfterEach
    void closeWindows() throws Exception {
        for (Studio studio : windows) {
            CompletableFuture<CompletableFuture<Void>> closing = new CompletableFuture<>();
            Platform.runLater(() -> closing.complete(studio.close()));
            closing.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
        }
    }

    private SettingsFile settings() {
        return new SettingsFile(folder.resolve("settings.json"));
    }

    private Studio open(FxRobot robot) throws Exception {
        int before = enginesMadeWith.size();
        CompletableFuture<Studio> made = new CompletableFuture<>();
        robot.interact(() -> {
            Studio studio = new Studio(new Stage(), new Studio.Config((form, work) -> {
                enginesMadeWith.add(form);
                return new ScriptedEngine();
            }, new UiStateStore(folder.resolve("window.json")), folder, Workers.create(), file -> { },
                    new FileSettingsStorage(settings()), context -> new NoAssistant("no model in this test"),
                    form -> new studio.codeact.gui.Doctor.Report(true, "fine", ""), () -> { }));
            studio.show();
            made.complete(studio);
        });
        Studio studio = made.get(10, TimeUnit.SECONDS);
        windows.add(studio);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> enginesMadeWith.size() > before);
        WaitForAsyncUtils.waitForFxEvents();
        return studio;
    }

    private static <T extends Node> T find(Studio studio, String id, Class<T> type) {
        return type.cast(studio.scene().getRoot().lookup(id));
    }

    /** Scrolls the settings dialog so that {@code node} shows (for the screenshot). */
    private static void scrollTo(Node node) {
        for (Node up = node.getParent(); up != null; up = up.getParent()) {
            if (up instanceof javafx.scene.control.ScrollPane scroll) {
                double y = scroll.getContent().sceneToLocal(node.localToScene(0, 0)).getY();
                double room = scroll.getContent().getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
                scroll.setVvalue(room <= 0 ? 0 : Math.min(1, Math.max(0, (y - 40) / room)));
                scroll.layout();
                return;
            }
        }
    }

    @Test
    void withTheSandboxOnCodeRunsWithoutAskingAndTheStatusBarSaysSo(FxRobot robot) throws Exception {
        Studio studio = open(robot);
        boolean available = SandboxStatus.probe().available();
        assertThat(enginesMadeWith.getLast().sandbox()).isEqualTo(SandboxSettings.DEFAULTS);
        assertThat(find(studio, "#ask-before-running", CheckBox.class).isSelected()).isEqualTo(!available);
        assertThat(find(studio, "#sandbox-label", Label.class).getText()).isEqualTo(SandboxStatus.probe().label(true));
        assertThat(find(studio, "#ask-reason", Label.class).isVisible()).isEqualTo(!available);
        robot.interact(() -> Screenshot.write(studio.scene(), Path.of("target/screenshots/sandbox-on-window.png")));
    }

    @Test
    void withTheSandboxSwitchedOffAskBeforeRunningIsOnAndTheWindowSaysWhy(FxRobot robot) throws Exception {
        settings().update(root -> new SandboxSettings(false, false).writeTo(root));
        Studio studio = open(robot);
        assertThat(enginesMadeWith.getLast().sandbox().enabled()).isFalse();
        assertThat(find(studio, "#ask-before-running", CheckBox.class).isSelected()).isTrue();
        Label reason = find(studio, "#ask-reason", Label.class);
        assertThat(reason.isVisible()).isTrue();
        assertThat(reason.getText()).isEqualTo("(on because the sandbox is off)");
        assertThat(find(studio, "#sandbox-label", Label.class).getText()).isEqualTo("sandbox off");
        assertThat(find(studio, "#sandbox-label", Label.class).getTooltip().getText())
                .contains("Ask before running code is on because the sandbox is off");
        robot.interact(() -> Screenshot.write(studio.scene(), Path.of("target/screenshots/sandbox-off-window.png")));
    }

    @Test
    void anExplicitChoiceIsRememberedButOnlyForTheSandboxStateItWasMadeIn(FxRobot robot) throws Exception {
        settings().update(root -> new SandboxSettings(false, false).writeTo(root));
        Studio first = open(robot);
        robot.clickOn(find(first, "#ask-before-running", CheckBox.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(new UiStateStore(folder.resolve("window.json")).load().askChoice()).isEqualTo(new UiState.AskChoice(false, false));
        assertThat(find(first, "#ask-reason", Label.class).getText()).startsWith("(off by your choice although the sandbox is off");

        Studio again = open(robot);
        assertThat(find(again, "#ask-before-running", CheckBox.class).isSelected()).isFalse();
        assertThat(again.model().askReasonProperty().get()).startsWith("off by your choice");
    }

    @Test
    void theSandboxSectionStoresTheSwitchAndItAppliesWhenPythonRestarts(FxRobot robot) throws Exception {
        Studio studio = open(robot);
        int engines = enginesMadeWith.size();
        Platform.runLater(studio::openSettings);
        Predicate<Node> shown = node -> node.getScene() != null && node.getScene().getWindow() != null && node.getScene().getWindow().isShowing();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#sandbox-enabled").match(shown).tryQuery().isPresent());
        CheckBox enabled = robot.lookup("#sandbox-enabled").match(shown).queryAs(CheckBox.class);
        CheckBox network = robot.lookup("#sandbox-network").match(shown).queryAs(CheckBox.class);
        assertThat(enabled.isSelected()).isTrue();
        assertThat(network.isSelected()).isFalse();
        assertThat(robot.lookup("#sandbox-applies").match(shown).queryAs(Label.class).getText())
                .startsWith("Changes apply when Python next starts");

        robot.interact(() -> network.setSelected(true));
        assertThat(robot.lookup("#sandbox-summary").match(shown).queryAs(Label.class).getText()).contains("may use the network");
        robot.interact(() -> enabled.setSelected(false));
        assertThat(network.isDisabled()).isTrue();
        assertThat(robot.lookup("#sandbox-summary").match(shown).queryAs(Label.class).getText()).startsWith("Off: model code runs with your rights");
        robot.interact(() -> {
            scrollTo(enabled);
            Screenshot.write(enabled.getScene(), Path.of("target/screenshots/settings-sandbox-off.png"));
        });
        robot.clickOn(robot.lookup("Save").match(shown).queryButton());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !SandboxSettings.fromJson(settings().read()).enabled());
        assertThat(SandboxSettings.fromJson(settings().read())).isEqualTo(new SandboxSettings(false, true));

        // the running engine keeps its sandbox until Python restarts
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> find(studio, "#sandbox-label", Label.class).getText().endsWith("(restart Python to apply the new setting)"));
        assertThat(enginesMadeWith).hasSize(engines);
        robot.interact(() -> studio.model().engine().restart());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> enginesMadeWith.size() > engines);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(enginesMadeWith.getLast().sandbox()).isEqualTo(new SandboxSettings(false, true));
        assertThat(find(studio, "#sandbox-label", Label.class).getText()).isEqualTo("sandbox off");
        assertThat(find(studio, "#ask-before-running", CheckBox.class).isSelected()).isTrue();
    }
}
