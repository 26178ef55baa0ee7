package studio.codeact.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private certificate authority and a server certificate it signed, made with the system's
 * {@code openssl} (as a cluster's own CA would be): the server certificate names the given IP
 * address alone (not {@code localhost}), and is good for two days.
 *
 * @param caCertificate     the CA's certificate (PEM): what a client given a CA file trusts
 * @param serverCertificate the server's certificate (PEM)
 * @param serverKey         the server's private key (PEM, unencrypted)
 */
public record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey) {

    private static final long OPENSSL_SECONDS = 60;

    /** Makes the CA and the server certificate in {@code folder}. */
    public static TestCertificates create(Path folder, String ipAddress) {
        try {
            Path caKey = folder.resolve("ca.key");
            Path ca = folder.resolve("ca.pem");
            Path key = folder.resolve("server.key");
            Path request = folder.resolve("server.csr");
            Path certificate = folder.resolve("server.pem");
            Path extensions = Files.writeString(folder.resolve("server.ext"), "subjectAltName=IP:" + ipAddress + "\n"
                    + "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n", StandardCharsets.UTF_8);
            openssl(folder, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out", ca.toString(),
                    "-days", "2", "-subj", "/CN=CodeAct test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                    "-addext", "keyUsage=critical,keyCertSign,cRLSign");
            openssl(folder, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", request.toString(),
                    "-subj", "/CN=" + ipAddress);
            openssl(folder, "x509", "-req", "-in", request.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                    "-CAcreateserial", "-out", certificate.toString(), "-days", "2", "-extfile", extensions.toString());
            return new TestCertificates(ca, certificate, key);
        } catch (IOException e) {
            throw new AssertionError("could not make test certificates with openssl (is the openssl package installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void openssl(Path folder, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(OPENSSL_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }
}
