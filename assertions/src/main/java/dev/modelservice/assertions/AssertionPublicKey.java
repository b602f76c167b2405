package dev.modelservice.assertions;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;

import org.bouncycastle.bcpg.BCPGInputStream;
import org.bouncycastle.bcpg.PacketFormat;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.RSAPublicBCPGKey;
import org.bouncycastle.crypto.digests.SHA3Digest;

/**
 * An RSA public key as snapd writes it: an OpenPGP version 4 public-key packet with the
 * creation time fixed at 2016-01-01T00:00:00Z, and its key id, the SHA3-384 digest of the
 * format version byte and that packet, in unpadded base64url.
 */
public final class AssertionPublicKey {
    /** snapd fixes every key packet's creation time here, so that a key id depends on the key alone. */
    static final Instant FIXED_CREATION_TIME = Instant.parse("2016-01-01T00:00:00Z");

    private final BigInteger modulus;
    private final BigInteger publicExponent;
    private final byte[] packet;
    private final String id;

    private AssertionPublicKey(BigInteger modulus, BigInteger publicExponent) {
        this.modulus = modulus;
        this.publicExponent = publicExponent;
        this.packet = encodePacket(modulus, publicExponent);
        this.id = computeId(packet);
    }

    public static AssertionPublicKey of(RSAPublicKey key) {
        return new AssertionPublicKey(key.getModulus(), key.getPublicExponent());
    }

    public static AssertionPublicKey of(BigInteger modulus, BigInteger publicExponent) {
        return new AssertionPublicKey(modulus, publicExponent);
    }

    /**
     * Decodes the text form found in {@code device-key} headers and account-key bodies.
     *
     * @throws IllegalArgumentException when the text is not one RSA public-key packet in
     *     snapd's text form; the message says what is wrong
     */
    public static AssertionPublicKey decode(String text) {
        byte[] packetBytes = Base64Text.decode(text.getBytes(StandardCharsets.US_ASCII), "public key");
        ByteArrayInputStream remaining = new ByteArrayInputStream(packetBytes);
        Object packet;
        try {
            packet = new BCPGInputStream(remaining).readPacket();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot decode public key: " + e.getMessage());
        }
        if (!(packet instanceof PublicKeyPacket keyPacket) || packet.getClass() != PublicKeyPacket.class) {
            throw new IllegalArgumentException("expected a public key packet, found " + describe(packet));
        }
        if (remaining.available() != 0) {
            throw new IllegalArgumentException("public key has trailing data after its packet");
        }
        if (keyPacket.getVersion() != PublicKeyPacket.VERSION_4) {
            throw new IllegalArgumentException("expected a version 4 public key packet, found version "
                    + keyPacket.getVersion());
        }
        if (!(keyPacket.getKey() instanceof RSAPublicBCPGKey rsaKey)) {
            throw new IllegalArgumentException("expected an RSA public key, found algorithm "
                    + keyPacket.getAlgorithm());
        }
        return new AssertionPublicKey(rsaKey.getModulus(), rsaKey.getPublicExponent());
    }

    /** Returns the SHA3-384 key id: 64 characters of unpadded base64url. */
    public String id() {
        return id;
    }

    /** Returns the text form: base64 of 0x01 and the packet, wrapped at 76 characters. */
    public String encode() {
        return Base64Text.encode(packet);
    }

    public int bitLength() {
        return modulus.bitLength();
    }

    BigInteger modulus() {
        return modulus;
    }

    BigInteger publicExponent() {
        return publicExponent;
    }

    public RSAPublicKey toRsaPublicKey() {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(modulus, publicExponent));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("every Java runtime supports RSA public keys", e);
        }
    }

    private static byte[] encodePacket(BigInteger modulus, BigInteger publicExponent) {
        PublicKeyPacket packet = new PublicKeyPacket(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL,
                Date.from(FIXED_CREATION_TIME), new RSAPublicBCPGKey(modulus, publicExponent));
        try {
            return packet.getEncoded(PacketFormat.CURRENT);
        } catch (IOException e) {
            throw new IllegalStateException("encoding into memory cannot fail", e);
        }
    }

    private static String computeId(byte[] packet) {
        SHA3Digest digest = new SHA3Digest(384);
        digest.update((byte) Base64Text.FORMAT_VERSION);
        digest.update(packet, 0, packet.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    static String describe(Object packet) {
        return packet == null ? "no packet" : packet.getClass().getSimpleName();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AssertionPublicKey key && key.id.equals(id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }

    @Override
    public String toString() {
        return "RSA-" + bitLength() + " " + id;
    }
}
