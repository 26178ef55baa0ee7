package studio.codeact.gui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The one theme: AtlantaFX Primer, light or dark, as the user-agent stylesheet (its looked-up
 * colour variables, {@code -color-fg-default} and friends, are what every feature's CSS uses),
 * plus the app's base stylesheet and the chosen font size. Font size travels as a tiny
 * generated stylesheet, so no node needs an inline style.
 */
public final class Theme {

    private static final String BASE = Theme.class.getResource("app.css").toExternalForm();

    private Theme() {
    }

    /** Sets the theme for the whole application (all windows). */
    public static void applyGlobal(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    /** Applies the base stylesheet and the font size to {@code scene}, replacing earlier ones. */
    public static void style(Scene scene, boolean dark, int fontSize) {
        scene.getStylesheets().removeIf(sheet -> sheet.equals(BASE) || sheet.startsWith("data:text/css"));
        scene.getStylesheets().addAll(BASE, fontSheet(fontSize));
        scene.getRoot().getStyleClass().removeAll("theme-dark", "theme-light");
        scene.getRoot().getStyleClass().add(dark ? "theme-dark" : "theme-light");
    }

    /** Gives a dialog the app's base stylesheet and font size (the theme itself is global). */
    public static void style(javafx.scene.control.DialogPane pane, int fontSize) {
        pane.getStylesheets().removeIf(sheet -> sheet.equals(BASE) || sheet.startsWith("data:text/css"));
        pane.getStylesheets().addAll(BASE, fontSheet(fontSize));
    }

    static String fontSheet(int fontSize) {
        String css = ".root { -fx-font-size: " + fontSize + "px; }";
        return "data:text/css," + URLEncoder.encode(css, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
