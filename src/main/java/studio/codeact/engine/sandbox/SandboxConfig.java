package studio.codeact.engine.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the sandbox should do for one engine.
 *
 * @param enabled       confine model code ({@code --sandbox on}, the default)
 * @param allowNetwork  let model code use the network ({@code --allow-network}; off by default)
 * @param secretNames   further environment variables no interpreter gets (e.g. {@code --api-key-env}'s);
 *                      {@link Secrets#isSecretName} adds the standard ones, sandbox on or off
 * @param secretValues  key values replaced by {@code [redacted]} in every output
 * @param readable      further files or folders model code may read (data files in hidden folders)
 * @param connectPorts  TCP ports model code may connect to without the network allowed (a Dask scheduler's)
 */
public record SandboxConfig(boolean enabled, boolean allowNetwork, Set<String> secretNames, Set<String> secretValues,
                            List<Path> readable, List<Integer> connectPorts) {

    public SandboxConfig {
        secretNames = Set.copyOf(secretNames);
        secretValues = Set.copyOf(secretValues);
        readable = List.copyOf(readable);
        connectPorts = connectPorts == null ? List.of() : List.copyOf(connectPorts);
    }

    public SandboxConfig(boolean enabled, boolean allowNetwork, Set<String> secretNames, Set<String> secretValues, List<Path> readable) {
        this(enabled, allowNetwork, secretNames, secretValues, readable, List.of());
    }

    /** Adds a TCP port model code may connect to (on any host) while the network stays closed otherwise. */
    public SandboxConfig withConnectPort(int port) {
        List<Integer> all = new java.util.ArrayList<>(connectPorts);
        all.add(port);
        return new SandboxConfig(enabled, allowNetwork, secretNames, secretValues, readable, all);
    }

    /** On, no network, the environment's key values redacted. */
    public static SandboxConfig defaults() {
        return new SandboxConfig(true, false, Set.of(), Secrets.valuesInEnvironment(), List.of());
    }

    /** Off: code runs with the user's rights (keys are still kept out of its environment and its outputs). */
    public static SandboxConfig off() {
        return defaults().withEnabled(false);
    }

    public SandboxConfig withEnabled(boolean on) {
        return new SandboxConfig(on, allowNetwork, secretNames, secretValues, readable, connectPorts);
    }

    public SandboxConfig withNetwork(boolean allowed) {
        return new SandboxConfig(enabled, allowed, secretNames, secretValues, readable, connectPorts);
    }

    /** Adds a secret variable by name; its value (if set) is redacted too. */
    public SandboxConfig withSecretVariable(String name) {
        if (name == null || name.isBlank()) {
            return this;
        }
        Set<String> names = new java.util.HashSet<>(secretNames);
        names.add(name);
        Set<String> values = new java.util.HashSet<>(secretValues);
        String value = System.getenv(name);
        if (value != null && !value.isBlank()) {
            values.add(value);
        }
        return new SandboxConfig(enabled, allowNetwork, names, values, readable, connectPorts);
    }

    /** Adds key values to redact (e.g. the keys of the settings file). */
    public SandboxConfig withSecretValues(java.util.Collection<String> more) {
        Set<String> values = new java.util.HashSet<>(secretValues);
        more.stream().filter(value -> value != null && !value.isBlank()).forEach(values::add);
        return new SandboxConfig(enabled, allowNetwork, secretNames, values, readable, connectPorts);
    }

    /** Adds files or folders model code may read. */
    public SandboxConfig withReadable(java.util.Collection<Path> paths) {
        List<Path> all = new java.util.ArrayList<>(readable);
        paths.forEach(path -> all.add(path.toAbsolutePath()));
        return new SandboxConfig(enabled, allowNetwork, secretNames, secretValues, all, connectPorts);
    }
}
