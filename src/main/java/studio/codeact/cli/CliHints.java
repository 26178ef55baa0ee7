package studio.codeact.cli;

/**
 * Model-server messages are written for the app ("check … in Settings → Model"); on the command line
 * they point to the flags instead.
 */
final class CliHints {

    private static final String SETTINGS = "Settings → Model";

    private CliHints() {
    }

    /** {@code message} with the app's settings page replaced by the CLI flags that set the same thing. */
    static String forCli(String message) {
        if (message == null || !message.contains(SETTINGS)) {
            return message;
        }
        return message
                .replace("check the base URL in " + SETTINGS, "check --base-url")
                .replace("pick another model or check the base URL in " + SETTINGS, "pick another --model or check --base-url")
                .replace("enter a key in " + SETTINGS, "pass --api-key-env VAR")
                .replace("check the key in " + SETTINGS, "check the key (--api-key-env VAR names the variable holding it)")
                .replace(" in " + SETTINGS, " (--base-url, --model, --api-key-env)")
                .replace(SETTINGS, "--base-url, --model and --api-key-env");
    }
}
