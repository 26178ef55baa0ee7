package studio.codeact.engine.remote;

import studio.codeact.engine.EngineException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS trust for {@code https}/{@code wss}: the system's certificate authorities, plus those of a
 * PEM file when the server's certificate is signed by a private CA (a cluster's own).
 *
 * @param trustManager checks server certificates
 * @param sslContext   a context that uses it
 */
record Trust(X509TrustManager trustManager, SSLContext sslContext) {

    /** The system's certificate authorities alone. */
    static Trust system() {
        try {
            X509TrustManager system = managerOf(null);
            return new Trust(system, contextOf(system));
        } catch (GeneralSecurityException e) {
            throw new EngineException("this Java has no usable TLS trust store: " + e.getMessage(), e);
        }
    }

    /** The system's trust store and the certificates in {@code caFile}. */
    static Trust withExtraAuthorities(Path caFile) {
        try {
            X509TrustManager system = managerOf(null);
            KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
            extra.load(null, null);
            Collection<? extends Certificate> certificates;
            try (InputStream in = Files.newInputStream(caFile)) {
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certificates.isEmpty()) {
                throw new EngineException("the CA file " + caFile + " holds no PEM certificate");
            }
            int i = 0;
            for (Certificate certificate : certificates) {
                extra.setCertificateEntry("ca-" + i++, certificate);
            }
            X509TrustManager both = new Either(system, managerOf(extra));
            return new Trust(both, contextOf(both));
        } catch (IOException e) {
            throw new EngineException("could not read the CA file " + caFile + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new EngineException("the CA file " + caFile + " is not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    private static SSLContext contextOf(X509TrustManager manager) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{manager}, null);
        return context;
    }

    private static X509TrustManager managerOf(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager in this JVM");
    }

    /** Trusts what either manager trusts. */
    private record Either(X509TrustManager first, X509TrustManager second) implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkClientTrusted(chain, authType);
            } catch (CertificateException e) {
                second.checkClientTrusted(chain, authType);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
            all.addAll(List.of(second.getAcceptedIssuers()));
            return all.toArray(X509Certificate[]::new);
        }
    }
}
