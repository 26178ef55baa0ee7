package studio.codeact.engine.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import studio.codeact.engine.jupyter.Channel;
import studio.codeact.engine.jupyter.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Where a kernel listens and how its messages are signed: the content of a Jupyter connection
 * file ({@code jupyter_client/connect.py}). Ports are on the loopback interface, the key is 32
 * random bytes as hex, the scheme is {@code hmac-sha256}.
 */
public record ConnectionInfo(String transport, String ip, int shellPort, int iopubPort, int stdinPort,
                             int controlPort, int hbPort, String key, String signatureScheme) {

    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String SCHEME = "hmac-sha256";

    /** Five free loopback ports and a fresh random key. */
    public static ConnectionInfo allocate() {
        String ip = InetAddress.getLoopbackAddress().getHostAddress();
        List<ServerSocket> held = new ArrayList<>();
        try {
            // hold all five open at once so the same port is not handed out twice
            for (int i = 0; i < 5; i++) {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(ip, 0));
                held.add(socket);
            }
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            return new ConnectionInfo("tcp", ip, held.get(0).getLocalPort(), held.get(1).getLocalPort(),
                    held.get(2).getLocalPort(), held.get(3).getLocalPort(), held.get(4).getLocalPort(),
                    HexFormat.of().formatHex(key), SCHEME);
        } catch (IOException e) {
            throw new UncheckedIOException("could not find free loopback ports for a kernel", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is free either way
                }
            }
        }
    }

    /** The ZeroMQ endpoint of one port, e.g. {@code tcp://127.0.0.1:53211}. */
    /** The port of a message channel (the heartbeat has {@link #hbPort()}). */
    public int port(Channel channel) {
        return switch (channel) {
            case SHELL -> shellPort;
            case IOPUB -> iopubPort;
            case STDIN -> stdinPort;
            case CONTROL -> controlPort;
        };
    }

    public String url(int port) {
        return transport + "://" + ip + ":" + port;
    }

    /**
     * Writes the connection file readable by its owner only ({@code rw-------}): the key in it
     * lets anyone who reads it run code in the kernel. Written without Jackson, so that a cold
     * JVM can spawn the kernel before it has loaded its JSON library.
     */
    public Path writeTo(Path file) {
        String text = "{\n"
                + "  \"transport\": \"" + transport + "\",\n"
                + "  \"ip\": \"" + ip + "\",\n"
                + "  \"shell_port\": " + shellPort + ",\n"
                + "  \"iopub_port\": " + iopubPort + ",\n"
                + "  \"stdin_port\": " + stdinPort + ",\n"
                + "  \"control_port\": " + controlPort + ",\n"
                + "  \"hb_port\": " + hbPort + ",\n"
                + "  \"key\": \"" + key + "\",\n"
                + "  \"signature_scheme\": \"" + signatureScheme + "\",\n"
                + "  \"kernel_name\": \"\"\n"
                + "}\n";
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the kernel connection file " + file, e);
        }
    }

    /** Reads a connection file written by any Jupyter tool. */
    public static ConnectionInfo read(Path file) {
        try {
            JsonNode node = Json.mapper().readTree(file.toFile());
            return new ConnectionInfo(node.path("transport").asText("tcp"), node.path("ip").asText("127.0.0.1"),
                    node.path("shell_port").asInt(), node.path("iopub_port").asInt(), node.path("stdin_port").asInt(),
                    node.path("control_port").asInt(), node.path("hb_port").asInt(), node.path("key").asText(""),
                    node.path("signature_scheme").asText(SCHEME));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the kernel connection file " + file, e);
        }
    }
}
