package studio.codeact.gui.settings;

import java.util.List;

/**
 * Where settings live (the owner-only settings file) and who lists a server's models.
 *
 * <p>Thread: every method may block (file, network); the view model calls them on a worker thread.
 */
public interface SettingsStorage {

    SettingsForm load();

    void save(SettingsForm form);

    /** The model ids the server offers, for the model picker. Throws with a plain sentence when the server cannot be asked. */
    List<String> listModels(SettingsForm form);
}
