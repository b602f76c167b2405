package dev.modelservice.signer;

import java.security.interfaces.RSAPublicKey;
import java.util.Objects;

/**
 * An RSA key pair held in a token: its name (the PKCS#11 label), its public half, and the
 * handle that selects it for {@link Signer#sign}.
 */
public record SigningKey(String name, RSAPublicKey publicKey, KeyHandle handle) {
    public SigningKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(handle, "handle");
    }

    /** Returns the modulus length in bits, for example 4096. */
    public int modulusBits() {
        return publicKey.getModulus().bitLength();
    }
}
