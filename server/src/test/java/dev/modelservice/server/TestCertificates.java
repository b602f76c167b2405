package dev.modelservice.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Certificates made in the test with BouncyCastle, for listeners on 127.0.0.1, and the files
 * that a listener's TLS keys point at: PEM chains, PEM keys in PKCS#8, PKCS#1 and SEC 1, and
 * PKCS#12 keystores.
 */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key pair with its certificate. */
    public record Issued(KeyPair keys, X509Certificate certificate) {
        public PrivateKey privateKey() {
            return keys.getPrivate();
        }
    }

    private TestCertificates() {
    }

    public static KeyPair rsaKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    public static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    public static KeyPair ed25519Keys() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    /** Returns a self-signed certificate for 127.0.0.1 and localhost, valid for a day. */
    public static Issued selfSigned(KeyPair keys) throws Exception {
        X500Principal subject = new X500Principal("CN=model-service test listener");
        return new Issued(keys, sign(listenerCertificate(subject, keys, subject), keys.getPrivate()));
    }

    /** Returns a certificate authority's self-signed certificate. */
    public static Issued authority() throws Exception {
        KeyPair keys = rsaKeys();
        X500Principal subject = new X500Principal("CN=model-service test CA");
        X509v3CertificateBuilder builder = builder(subject, keys, subject)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(keys, sign(builder, keys.getPrivate()));
    }

    /** Returns a certificate for 127.0.0.1 and localhost, signed by {@code authority}. */
    public static Issued issuedBy(Issued authority) throws Exception {
        KeyPair keys = rsaKeys();
        X500Principal subject = new X500Principal("CN=model-service test listener");
        X509v3CertificateBuilder builder = listenerCertificate(subject, keys,
                authority.certificate().getSubjectX500Principal());
        return new Issued(keys, sign(builder, authority.privateKey()));
    }

    private static X509v3CertificateBuilder listenerCertificate(X500Principal subject, KeyPair keys,
            X500Principal issuer) throws IOException {
        GeneralNames names = new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")});
        return builder(subject, keys, issuer).addExtension(Extension.subjectAlternativeName, false, names);
    }

    private static X509v3CertificateBuilder builder(X500Principal subject, KeyPair keys, X500Principal issuer) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        String algorithm = switch (issuerKey.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519" -> "Ed25519";
            default -> "SHA256withRSA";
        };
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
    }

    /** Writes the certificates as PEM CERTIFICATE blocks, in the order given. */
    public static Path writeChain(Path file, X509Certificate... chain) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            for (X509Certificate certificate : chain) {
                pem.writeObject(certificate);
            }
        }
        return file;
    }

    /** Writes the key as a PKCS#8 PRIVATE KEY block. */
    public static Path writePkcs8(Path file, PrivateKey key) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(new JcaPKCS8Generator(key, null));
        }
        return file;
    }

    /**
     * Writes the key in OpenSSL's traditional form: RSA PRIVATE KEY (PKCS#1) or EC PRIVATE KEY
     * (SEC 1) with its named curve, as {@code openssl ecparam -genkey} writes it.
     */
    public static Path writeTraditional(Path file, PrivateKey key) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            if (key instanceof ECPrivateKey ecKey) {
                // BouncyCastle's writer leaves the curve out of SEC 1, which OpenSSL always writes.
                ASN1Encodable curve = PrivateKeyInfo.getInstance(key.getEncoded()).getPrivateKeyAlgorithm().getParameters();
                byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(ecKey.getParams().getOrder().bitLength(),
                        ecKey.getS(), curve).getEncoded();
                pem.writeObject(new PemObject("EC PRIVATE KEY", sec1));
            } else {
                pem.writeObject(key);
            }
        }
        return file;
    }

    /** Writes a PKCS#12 keystore with the key and its chain under {@code password}. */
    public static Path writePkcs12(Path file, Issued issued, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("listener", issued.privateKey(), password.toCharArray(),
                new Certificate[] {issued.certificate()});
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    /**
     * Returns an HTTP client that trusts only {@code trusted} and checks host names as usual,
     * offering only {@code protocols} when any are given.
     */
    public static HttpClient clientTrusting(X509Certificate trusted, String... protocols) throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("trusted", trusted);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        HttpClient.Builder client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10));
        if (protocols.length > 0) {
            SSLParameters parameters = context.getDefaultSSLParameters();
            parameters.setProtocols(protocols);
            client.sslParameters(parameters);
        }
        return client.build();
    }
}
