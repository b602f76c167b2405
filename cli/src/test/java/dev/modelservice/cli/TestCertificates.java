package dev.modelservice.cli;

import dev.modelservice.server.ServiceConfiguration;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private CA and a listener certificate it signed for 127.0.0.1, made in the test with
 * BouncyCastle, as an on-prem deployment has them.
 */
final class TestCertificates {
    private TestCertificates() {
    }

    /**
     * Writes a CA certificate, a listener certificate signed by it with its private key, and
     * points both listeners of {@code builder} at them.
     *
     * @return the PEM file of the CA certificate, for {@code --ca-file}
     */
    static Path configureListeners(ServiceConfiguration.Builder builder, Path folder) throws Exception {
        KeyPair caKeys = SoftwareKeys.rsaKeyPair();
        X500Principal caName = new X500Principal("CN=model-admin test CA");
        X509Certificate ca = sign(certificate(caName, caName, caKeys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)), caKeys.getPrivate());

        KeyPair listenerKeys = SoftwareKeys.rsaKeyPair();
        GeneralNames names = new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        X509Certificate listener = sign(certificate(new X500Principal("CN=model-service"), caName, listenerKeys)
                .addExtension(Extension.subjectAlternativeName, false, names), caKeys.getPrivate());

        Path caFile = writePem(folder.resolve("ca.pem"), ca);
        Path chain = writePem(folder.resolve("listener.pem"), listener, ca);
        Path key = writePem(folder.resolve("listener.key"), new JcaPKCS8Generator(listenerKeys.getPrivate(), null));
        for (String listenerName : new String[] {"admin", "device"}) {
            builder.set(listenerName + ".tls.certificate-file", chain.toString())
                    .set(listenerName + ".tls.private-key-file", key.toString());
        }
        return caFile;
    }

    private static X509v3CertificateBuilder certificate(X500Principal subject, X500Principal issuer, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(System.nanoTime()),
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) throws Exception {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    }

    private static Path writePem(Path file, Object... objects) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            for (Object object : objects) {
                pem.writeObject(object);
            }
        }
        return file;
    }
}
