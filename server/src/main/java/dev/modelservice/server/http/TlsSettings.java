package dev.modelservice.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate chain and private key that a listener serves TLS with, read from PEM files
 * or from a PKCS#12 keystore. Only TLS 1.2 and 1.3 are enabled.
 */
public final class TlsSettings {
    private static final Logger LOG = LoggerFactory.getLogger(TlsSettings.class);

    /** The protocols a listener accepts, because older ones have known attacks. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private static final String PEM_ALIAS = "listener";

    private final KeyStore keyStore;
    private final String password;
    private final X509Certificate certificate;
    private final String source;

    private TlsSettings(KeyStore keyStore, String password, X509Certificate certificate, String source) {
        this.keyStore = keyStore;
        this.password = password;
        this.certificate = certificate;
        this.source = source;
        warnWhenOutsideValidity(certificate, source);
    }

    /**
     * Reads a PEM certificate chain, the listener's certificate first, and its PEM private key:
     * PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC 1
     * ({@code EC PRIVATE KEY}), not encrypted.
     *
     * @throws InvalidTlsFileException naming the file that cannot be read or does not fit
     */
    public static TlsSettings fromPem(Path certificateFile, Path privateKeyFile) throws InvalidTlsFileException {
        List<X509Certificate> chain = readCertificates(certificateFile);
        PrivateKey key = readPrivateKey(privateKeyFile);
        if (!matches(key, chain.get(0).getPublicKey())) {
            throw new InvalidTlsFileException(privateKeyFile, "the private key in " + privateKeyFile
                    + " does not belong to the first certificate in " + certificateFile + " ("
                    + chain.get(0).getSubjectX500Principal() + "); expected the key of that certificate,"
                    + " with the listener's certificate first in the chain file");
        }

        // Jetty takes a KeyStore, so the PEM key lives in an in-memory one under a random password.
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(PEM_ALIAS, key, password.toCharArray(), chain.toArray(new Certificate[0]));
            return new TlsSettings(store, password, chain.get(0), "PEM " + certificateFile);
        } catch (GeneralSecurityException | IOException e) {
            throw new InvalidTlsFileException(privateKeyFile, "the private key in " + privateKeyFile
                    + " cannot be used with the certificate in " + certificateFile + ": " + e, e);
        }
    }

    /**
     * Reads a PKCS#12 keystore with one private key entry and its certificate chain. The
     * password file contains the keystore's password; surrounding blanks are not part of it.
     *
     * @throws InvalidTlsFileException naming the file that cannot be read or does not fit
     */
    public static TlsSettings fromPkcs12(Path keystoreFile, Path passwordFile) throws InvalidTlsFileException {
        String password;
        try {
            password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new InvalidTlsFileException(passwordFile, "cannot read " + passwordFile + ": " + e
                    + "; make it readable by the service's account", e);
        }

        KeyStore store;
        try (InputStream in = Files.newInputStream(keystoreFile)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
        } catch (IOException e) {
            // KeyStore.load reports a wrong password as an IOException too.
            throw new InvalidTlsFileException(keystoreFile, "cannot open " + keystoreFile + " as a PKCS#12 keystore"
                    + " with the password in " + passwordFile + ": " + e.getMessage() + "; expected a readable"
                    + " PKCS#12 file (such as openssl pkcs12 -export writes) and its password", e);
        } catch (GeneralSecurityException e) {
            throw new InvalidTlsFileException(keystoreFile, "cannot read the PKCS#12 keystore " + keystoreFile
                    + ": " + e, e);
        }
        return new TlsSettings(store, password, keyEntryCertificate(store, keystoreFile),
                "PKCS#12 " + keystoreFile);
    }

    private static X509Certificate keyEntryCertificate(KeyStore store, Path keystoreFile)
            throws InvalidTlsFileException {
        List<String> keyAliases = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.size() != 1) {
                throw new InvalidTlsFileException(keystoreFile, "the PKCS#12 keystore " + keystoreFile + " has "
                        + keyAliases.size() + " private key entries " + keyAliases + "; expected exactly one,"
                        + " the listener's key with its certificate chain");
            }
            if (store.getCertificate(keyAliases.get(0)) instanceof X509Certificate certificate) {
                return certificate;
            }
        } catch (KeyStoreException e) {
            throw new IllegalStateException("a loaded keystore always lists its entries", e);
        }
        throw new InvalidTlsFileException(keystoreFile, "the private key entry \"" + keyAliases.get(0) + "\" in "
                + keystoreFile + " has no X.509 certificate; expected the key with its certificate chain");
    }

    private static List<X509Certificate> readCertificates(Path file) throws InvalidTlsFileException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object object : readPem(file)) {
            if (!(object instanceof X509CertificateHolder holder)) {
                throw new InvalidTlsFileException(file, file + " contains a " + describe(object)
                        + "; expected only CERTIFICATE blocks, the listener's certificate first");
            }
            try {
                chain.add(converter.getCertificate(holder));
            } catch (GeneralSecurityException e) {
                throw new InvalidTlsFileException(file, "certificate " + (chain.size() + 1) + " in " + file
                        + " is not a valid X.509 certificate: " + e.getMessage(), e);
            }
        }
        if (chain.isEmpty()) {
            throw new InvalidTlsFileException(file, file + " contains no PEM CERTIFICATE block; expected the"
                    + " listener's certificate chain in PEM, the listener's certificate first");
        }
        return chain;
    }

    private static PrivateKey readPrivateKey(Path file) throws InvalidTlsFileException {
        List<PrivateKeyInfo> keys = new ArrayList<>();
        for (Object object : readPem(file)) {
            if (object instanceof PrivateKeyInfo info) {
                keys.add(info);
            } else if (object instanceof PEMKeyPair pair) {
                keys.add(pair.getPrivateKeyInfo());
            } else if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
                throw new InvalidTlsFileException(file, file + " contains an encrypted private key; expected an"
                        + " unencrypted one, readable only by the service's account (openssl pkey -in KEY -out"
                        + " NEW-KEY decrypts it)");
            } else if (!(object instanceof ASN1ObjectIdentifier)) {
                // An ASN1ObjectIdentifier is the EC PARAMETERS block that openssl ecparam writes before the key.
                throw new InvalidTlsFileException(file, file + " contains a " + describe(object)
                        + "; expected one PEM private key");
            }
        }
        if (keys.size() != 1) {
            throw new InvalidTlsFileException(file, file + " contains " + keys.size() + " private keys; expected"
                    + " one PEM PRIVATE KEY (PKCS#8), RSA PRIVATE KEY (PKCS#1) or EC PRIVATE KEY (SEC 1) block");
        }
        try {
            return new JcaPEMKeyConverter().getPrivateKey(keys.get(0));
        } catch (IOException e) {
            throw new InvalidTlsFileException(file, "the private key in " + file + " cannot be used: "
                    + e.getMessage() + "; expected an RSA, EC or Ed25519 key", e);
        }
    }

    private static List<Object> readPem(Path file) throws InvalidTlsFileException {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            // PEMParser throws IOException for bad base64 and DER, and unchecked exceptions for a few malformed inputs.
            throw new InvalidTlsFileException(file, "cannot read " + file + " as PEM: " + e.getMessage()
                    + "; expected a readable PEM file", e);
        }
        return objects;
    }

    private static String describe(Object pemObject) {
        if (pemObject instanceof X509CertificateHolder) {
            return "CERTIFICATE block";
        }
        if (pemObject instanceof PrivateKeyInfo || pemObject instanceof PEMKeyPair) {
            return "private key";
        }
        return "PEM block of type " + pemObject.getClass().getSimpleName();
    }

    /** Returns whether {@code key} signs what {@code publicKey} verifies; true for key types it cannot test. */
    private static boolean matches(PrivateKey key, PublicKey publicKey) {
        Optional<String> algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> Optional.of("SHA256withRSA");
            case "EC" -> Optional.of("SHA256withECDSA");
            case "Ed25519", "EdDSA" -> Optional.of("Ed25519");
            default -> Optional.empty();
        };
        if (algorithm.isEmpty()) {
            return true;
        }
        byte[] probe = "model-service TLS key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm.get());
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();

            Signature verifier = Signature.getInstance(algorithm.get());
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void warnWhenOutsideValidity(X509Certificate certificate, String source) {
        Instant now = Instant.now();
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            LOG.warn("The TLS certificate {} from {} expired at {}; clients will reject it",
                    certificate.getSubjectX500Principal(), source, certificate.getNotAfter().toInstant());
        } else if (now.isBefore(certificate.getNotBefore().toInstant())) {
            LOG.warn("The TLS certificate {} from {} is valid only from {}; clients will reject it until then",
                    certificate.getSubjectX500Principal(), source, certificate.getNotBefore().toInstant());
        }
    }

    /** Returns a new Jetty factory for one connector: this key and chain, TLS 1.2 and 1.3 only. */
    SslContextFactory.Server sslContextFactory() {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setKeyStore(keyStore);
        factory.setKeyStorePassword(password);
        factory.setIncludeProtocols(PROTOCOLS.toArray(new String[0]));
        return factory;
    }

    /** Returns the listener's own certificate, the first of its chain. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** Names the files and the certificate's subject, never the password. */
    @Override
    public String toString() {
        return "TlsSettings[" + source + ", " + certificate.getSubjectX500Principal() + ", not after "
                + certificate.getNotAfter().toInstant() + "]";
    }
}
