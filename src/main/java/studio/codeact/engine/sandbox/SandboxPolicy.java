package studio.codeact.engine.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What one engine's code may do, as the JSON {@code codeact_sandbox.py} enforces.
 *
 * <p>Reading: everything on the machine (system and Python folders, {@code /tmp}, mounted
 * disks, a data file dropped later from any of them) except the home folders: of the user's home
 * only its non-hidden entries, of other users' homes nothing. Landlock rules are an allow-list, so
 * this is built by walking from {@code /} down to the home folder and allowing every sibling off
 * that path (the home's own siblings are other users' homes, and {@code /home} and {@code /root}
 * are never allowed wholesale). The working folder, its session folder, the interpreter's own
 * folders and the files the caller names are added.
 *
 * <p>Writing: the working folder, the private {@link SandboxFolders} and {@code /dev/shm}
 * (multiprocessing's semaphores); read-write devices {@code /dev/null}, {@code /dev/zero},
 * {@code /dev/full}.
 */
public final class SandboxPolicy {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HOME_ROOTS = Set.of("home", "root");

    private final Map<String, Object> policy = new LinkedHashMap<>();
    private final List<String> read = new ArrayList<>();
    private final List<String> write = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final List<Integer> connectPorts = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> unset = new ArrayList<>();
    private boolean network;
    private long protectPid;
    private boolean subreaper;

    private SandboxPolicy() {
    }

    /** The policy for code working in {@code workingDirectory}, with {@code folders} as its private folders. */
    public static SandboxPolicy of(SandboxConfig config, Path home, Path workingDirectory, SandboxFolders folders) {
        SandboxPolicy policy = new SandboxPolicy();
        policy.network = config.allowNetwork();
        policy.connectPorts.addAll(config.connectPorts());
        policy.read.addAll(readRoots(home));
        Path work = workingDirectory.toAbsolutePath().normalize();
        Path session = work.getParent();
        if (session != null && !home.toAbsolutePath().normalize().startsWith(session)) {
            policy.read.add(session.toString());
        }
        config.readable().forEach(path -> policy.read.add(path.toString()));
        policy.write.add(work.toString());
        policy.write.add(folders.tmp().toString());
        policy.write.add(folders.cache().toString());
        policy.write.add("/dev/shm");
        crashLogFolder().ifPresent(folder -> policy.write.add(folder.toString()));
        for (String name : List.of("TMPDIR", "TMP", "TEMP", "JOBLIB_TEMP_FOLDER")) {
            policy.env.put(name, folders.tmp().toString());
        }
        policy.env.put("XDG_CACHE_HOME", folders.cache().toString());
        policy.env.put("MPLCONFIGDIR", folders.cache().resolve("matplotlib").toString());
        policy.env.put("IPYTHONDIR", folders.cache().resolve("ipython").toString());
        policy.env.put("CODEACT_SANDBOX", "on");
        return policy;
    }

    /** Where the code may listen (the kernel's own ZeroMQ ports). */
    public SandboxPolicy bindPorts(List<Integer> allowed) {
        ports.addAll(allowed);
        return this;
    }

    /** Refuses signals to {@code pid}, its group and everyone (the embedded engine's own process). */
    public SandboxPolicy protectPid(long pid) {
        protectPid = pid;
        return this;
    }

    /** Makes the confined process a child subreaper (a kernel), so orphans of the code stay in its tree. */
    public SandboxPolicy subreaper() {
        subreaper = true;
        return this;
    }

    /** Also readable (a kernel's connection file, its kernelspec's folder). */
    public SandboxPolicy readable(Path path) {
        read.add(path.toAbsolutePath().toString());
        return this;
    }

    /**
     * The folder the JVM writes its crash log to ({@code -XX:ErrorFile}, set by the launchers to the
     * app's state folder). In the embedded engine a native fault in model code crashes on the
     * confined thread, and HotSpot writes the log from that thread: without this the log fell back
     * to the working folder. Only that folder is opened, and only where the flag is set.
     */
    static java.util.Optional<Path> crashLogFolder() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-XX:ErrorFile="))
                .map(argument -> Path.of(argument.substring("-XX:ErrorFile=".length())).toAbsolutePath().getParent())
                .filter(folder -> folder != null && java.nio.file.Files.isDirectory(folder))
                .reduce((first, last) -> last);
    }

    /** Also writable (a kernel's runtime folder). */
    public SandboxPolicy writable(Path path) {
        write.add(path.toAbsolutePath().toString());
        return this;
    }

    /**
     * Whether the code may write at {@code path} (or inside it): it lies in one of the writable
     * folders. A relative path counts as inside the working folder, where the code runs.
     */
    public boolean writes(Path path) {
        Path absolute = path.isAbsolute() ? path.normalize() : Path.of(write.getFirst()).resolve(path).normalize();
        return write.stream().map(Path::of).anyMatch(absolute::startsWith);
    }

    /** Variables to remove from the environment the code sees. */
    public SandboxPolicy unset(java.util.Collection<String> names) {
        unset.addAll(names);
        return this;
    }

    /** The variables the policy sets (temporary and cache folders). */
    public Map<String, String> environment() {
        return Map.copyOf(env);
    }

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode readNode = node.putArray("read");
        read.forEach(readNode::add);
        ArrayNode writeNode = node.putArray("write");
        write.forEach(writeNode::add);
        ArrayNode devices = node.putArray("devices");
        List.of("/dev/null", "/dev/zero", "/dev/full").forEach(devices::add);
        ArrayNode portNode = node.putArray("bind_ports");
        ports.forEach(portNode::add);
        ArrayNode connectNode = node.putArray("connect_ports");
        connectPorts.forEach(connectNode::add);
        node.put("network", network);
        node.put("protect_pid", protectPid);
        node.put("subreaper", subreaper);
        ObjectNode envNode = node.putObject("env");
        env.forEach(envNode::put);
        ArrayNode unsetNode = node.putArray("unset");
        unset.forEach(unsetNode::add);
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every path off the way from {@code /} to {@code home}, plus home's non-hidden entries. */
    static List<String> readRoots(Path home) {
        Path target = home.toAbsolutePath().normalize();
        try {
            target = target.toRealPath();
        } catch (IOException e) {
            // a home that does not exist: walk the path as written
        }
        List<String> roots = new ArrayList<>();
        Path dir = target.getRoot();
        for (Path part : target) {
            Path next = dir.resolve(part);
            boolean othersHomes = next.equals(target) && dir.getParent() != null;
            if (!othersHomes) {
                for (Path entry : list(dir)) {
                    String name = entry.getFileName().toString();
                    boolean homeRoot = dir.getParent() == null && HOME_ROOTS.contains(name);
                    if (!entry.equals(next) && !homeRoot) {
                        roots.add(entry.toString());
                    }
                }
            }
            dir = next;
        }
        for (Path entry : list(target)) {
            if (!entry.getFileName().toString().startsWith(".")) {
                roots.add(entry.toString());
            }
        }
        return roots;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
