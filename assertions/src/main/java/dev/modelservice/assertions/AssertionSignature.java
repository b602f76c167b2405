package dev.modelservice.assertions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.bcpg.BCPGInputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PacketFormat;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SignaturePacket;
import org.bouncycastle.bcpg.SignatureSubpacket;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.SignatureCreationTime;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.util.BigIntegers;

/**
 * An OpenPGP version 4 signature packet over an assertion's content, as snapd writes and
 * checks it: RSA, binary signature type, a creation-time subpacket in the hashed area.
 *
 * <p>snapd signs with SHA-512 and no other subpacket; Canonical's signatures also carry an
 * issuer subpacket, which verification accepts. Verification follows Go's
 * {@code x/crypto/openpgp} as snapd 2.57 uses it: the hash comes from the packet, the two
 * hash-tag bytes must match, the RSA value may come with or without leading zero bytes.
 */
final class AssertionSignature {
    static final int SIGNATURE_TYPE_BINARY = 0x00;

    private final SignaturePacket packet;

    private AssertionSignature(SignaturePacket packet) {
        this.packet = packet;
    }

    /**
     * Parses the signature text of an assertion.
     *
     * @throws AssertionVerificationException when it is not one version 4 RSA signature packet
     *     in snapd's text form; snapd rejects such an assertion when it checks the signature
     */
    static AssertionSignature parse(byte[] text) throws AssertionVerificationException {
        byte[] packetBytes;
        try {
            packetBytes = Base64Text.decode(text, "signature");
        } catch (IllegalArgumentException e) {
            throw new AssertionVerificationException(e.getMessage());
        }

        ByteArrayInputStream remaining = new ByteArrayInputStream(packetBytes);
        Object parsed;
        try {
            parsed = new BCPGInputStream(remaining).readPacket();
        } catch (IOException | RuntimeException e) {
            throw new AssertionVerificationException("cannot decode signature: " + e.getMessage());
        }
        if (!(parsed instanceof SignaturePacket signature)) {
            throw new AssertionVerificationException("expected a signature packet, found "
                    + AssertionPublicKey.describe(parsed));
        }
        if (remaining.available() != 0) {
            throw new AssertionVerificationException("signature has trailing data after its packet");
        }

        checkShape(signature);
        return new AssertionSignature(signature);
    }

    private static void checkShape(SignaturePacket signature) throws AssertionVerificationException {
        if (signature.getVersion() != SignaturePacket.VERSION_4) {
            throw new AssertionVerificationException("unsupported signature packet version "
                    + signature.getVersion() + " (expected 4)");
        }
        if (signature.getKeyAlgorithm() != PublicKeyAlgorithmTags.RSA_GENERAL) {
            throw new AssertionVerificationException("signature uses public key algorithm "
                    + signature.getKeyAlgorithm() + ", expected RSA (1)");
        }
        digestFor(signature.getHashAlgorithm());

        boolean hasCreationTime = false;
        for (SignatureSubpacket subpacket : signature.getHashedSubPackets()) {
            checkKnownIfCritical(subpacket);
            if (subpacket.getType() == SignatureSubpacketTags.CREATION_TIME) {
                if (subpacket.getData().length != 4) {
                    throw new AssertionVerificationException("signature creation time is not four bytes");
                }
                hasCreationTime = true;
            }
        }
        for (SignatureSubpacket subpacket : signature.getUnhashedSubPackets()) {
            checkKnownIfCritical(subpacket);
            if (subpacket.getType() == SignatureSubpacketTags.CREATION_TIME) {
                throw new AssertionVerificationException("signature creation time is in the unhashed area");
            }
        }
        if (!hasCreationTime) {
            throw new AssertionVerificationException("signature has no creation time");
        }
        if (signature.getSignature() == null || signature.getSignature().length != 1) {
            throw new AssertionVerificationException("signature does not hold one RSA value");
        }
    }

    /** Rejects critical subpackets that Go's OpenPGP reader does not understand, as it does. */
    private static void checkKnownIfCritical(SignatureSubpacket subpacket) throws AssertionVerificationException {
        if (!subpacket.isCritical()) {
            return;
        }
        switch (subpacket.getType()) {
            case SignatureSubpacketTags.CREATION_TIME, SignatureSubpacketTags.EXPIRE_TIME,
                    SignatureSubpacketTags.KEY_EXPIRE_TIME, SignatureSubpacketTags.PREFERRED_SYM_ALGS,
                    SignatureSubpacketTags.ISSUER_KEY_ID, SignatureSubpacketTags.PREFERRED_HASH_ALGS,
                    SignatureSubpacketTags.PREFERRED_COMP_ALGS, SignatureSubpacketTags.PRIMARY_USER_ID,
                    SignatureSubpacketTags.KEY_FLAGS, SignatureSubpacketTags.REVOCATION_REASON,
                    SignatureSubpacketTags.FEATURES, SignatureSubpacketTags.EMBEDDED_SIGNATURE -> {
            }
            default -> throw new AssertionVerificationException(
                    "signature has an unknown critical subpacket of type " + subpacket.getType());
        }
    }

    Instant creationTime() {
        return Instant.ofEpochMilli(packet.getCreationTime());
    }

    /** Checks this signature over {@code content} with {@code key}. */
    void verify(byte[] content, AssertionPublicKey key) throws AssertionVerificationException {
        byte[] trailer = packet.getSignatureTrailer();

        Digest digest = digestFor(packet.getHashAlgorithm());
        digest.update(content, 0, content.length);
        digest.update(trailer, 0, trailer.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        byte[] hashTag = packet.getFingerPrint();
        if (hashTag == null || hashTag.length != 2 || hashTag[0] != hash[0] || hashTag[1] != hash[1]) {
            throw new AssertionVerificationException("failed signature verification: hash tag does not match");
        }

        if (!rsaVerifies(content, trailer, key)) {
            throw new AssertionVerificationException("failed signature verification: RSA verification failed with key "
                    + key.id());
        }
    }

    /**
     * Checks the RSA PKCS#1 v1.5 signature with the JDK's provider. BouncyCastle's lightweight
     * RSA key parameters test every modulus they have not seen before for primality, which costs
     * about 20 ms for a 4096-bit key, and every serial-request brings a new device key.
     */
    private boolean rsaVerifies(byte[] content, byte[] trailer, AssertionPublicKey key)
            throws AssertionVerificationException {
        int modulusBytes = (key.bitLength() + 7) / 8;
        BigInteger value = packet.getSignature()[0].getValue();
        if (value.signum() < 0 || value.compareTo(key.modulus()) >= 0) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(jcaAlgorithm(packet.getHashAlgorithm()));
            verifier.initVerify(KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.modulus(), key.publicExponent())));
            verifier.update(content);
            verifier.update(trailer);
            // The JDK wants the signature as long as the modulus; OpenPGP drops its leading zeros.
            return verifier.verify(BigIntegers.asUnsignedByteArray(modulusBytes, value));
        } catch (InvalidKeySpecException | InvalidKeyException e) {
            throw new AssertionVerificationException("failed signature verification: key " + key.id()
                    + " is not a usable RSA public key: " + e.getMessage());
        } catch (SignatureException e) {
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has RSA signatures over SHA-1 and SHA-2", e);
        }
    }

    private static String jcaAlgorithm(int hashAlgorithm) throws AssertionVerificationException {
        return switch (hashAlgorithm) {
            case HashAlgorithmTags.SHA1 -> "SHA1withRSA";
            case HashAlgorithmTags.SHA224 -> "SHA224withRSA";
            case HashAlgorithmTags.SHA256 -> "SHA256withRSA";
            case HashAlgorithmTags.SHA384 -> "SHA384withRSA";
            case HashAlgorithmTags.SHA512 -> "SHA512withRSA";
            default -> throw new AssertionVerificationException("signature uses unsupported hash algorithm "
                    + hashAlgorithm);
        };
    }

    /** Returns the bytes that the signing function must sign after the content: the v4 trailer. */
    static byte[] trailer(Instant creationTime) {
        return unsigned(creationTime, new byte[2], new byte[0]).getSignatureTrailer();
    }

    /**
     * Builds the packet text around RSA signature bytes computed over content and
     * {@link #trailer(Instant)}. The value is written with its full length, leading zero
     * bytes included, exactly as snapd writes it.
     */
    static byte[] encode(Instant creationTime, byte[] hashTag, byte[] rsaSignature) {
        ByteArrayOutputStream value = new ByteArrayOutputStream(rsaSignature.length + 2);
        int bitLength = rsaSignature.length * 8;
        value.write(bitLength >> 8);
        value.write(bitLength);
        value.writeBytes(rsaSignature);

        SignaturePacket packet = unsigned(creationTime, hashTag, value.toByteArray());
        try {
            return Base64Text.encode(packet.getEncoded(PacketFormat.CURRENT)).getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("encoding into memory cannot fail", e);
        }
    }

    private static SignaturePacket unsigned(Instant creationTime, byte[] hashTag, byte[] signatureEncoding) {
        SignatureSubpacket[] hashed = {new SignatureCreationTime(false, Date.from(creationTime))};
        return new SignaturePacket(SignaturePacket.VERSION_4, SIGNATURE_TYPE_BINARY, 0L,
                PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA512, hashed, new SignatureSubpacket[0],
                hashTag, signatureEncoding, null);
    }

    /**
     * Returns the digest a signature names. snapd takes whatever hash Go's OpenPGP reader
     * knows and has linked in; MD5 and RIPEMD-160 are rejected here on purpose.
     */
    static Digest digestFor(int hashAlgorithm) throws AssertionVerificationException {
        return switch (hashAlgorithm) {
            case HashAlgorithmTags.SHA1 -> new SHA1Digest();
            case HashAlgorithmTags.SHA224 -> new SHA224Digest();
            case HashAlgorithmTags.SHA256 -> new SHA256Digest();
            case HashAlgorithmTags.SHA384 -> new SHA384Digest();
            case HashAlgorithmTags.SHA512 -> new SHA512Digest();
            default -> throw new AssertionVerificationException("signature uses unsupported hash algorithm "
                    + hashAlgorithm);
        };
    }

}
