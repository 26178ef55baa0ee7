package studio.codeact.engine.sandbox;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Environment variables that hold keys, which no interpreter gets (sandbox on or off):
 * {@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY}, every name ending in {@code _API_KEY},
 * {@code _TOKEN}, {@code _SECRET} or {@code _PASSWORD}, and the names a caller adds
 * ({@code --api-key-env}).
 */
public final class Secrets {

    private static final java.util.List<String> SUFFIXES = java.util.List.of("_API_KEY", "_TOKEN", "_SECRET", "_PASSWORD");

    private Secrets() {
    }

    public static boolean isSecretName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.equals("OPENAI_API_KEY") || upper.equals("ANTHROPIC_API_KEY")
                || SUFFIXES.stream().anyMatch(upper::endsWith);
    }

    /** The names in {@code environment} to remove for {@code config}. */
    public static Set<String> namesToRemove(Map<String, String> environment, SandboxConfig config) {
        return environment.keySet().stream()
                .filter(name -> isSecretName(name) || config.secretNames().contains(name))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Removes the secret variables from a process environment (a {@link ProcessBuilder#environment()}). */
    public static void scrub(Map<String, String> environment, SandboxConfig config) {
        namesToRemove(environment, config).forEach(environment::remove);
    }

    /** The values of this process's secret variables (to redact). */
    public static Set<String> valuesInEnvironment() {
        return System.getenv().entrySet().stream()
                .filter(entry -> isSecretName(entry.getKey()))
                .map(Map.Entry::getValue)
                .filter(value -> !value.isBlank())
                .collect(Collectors.toSet());
    }
}
