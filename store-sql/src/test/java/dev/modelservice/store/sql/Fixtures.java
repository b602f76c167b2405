package dev.modelservice.store.sql;

import dev.modelservice.store.ModelSettings;
import dev.modelservice.store.NewModel;
import dev.modelservice.store.NewSigningKey;
import dev.modelservice.store.NewSigningLogEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/**
 * Records for the store tests. The store keeps assertions and public keys as opaque text, so
 * the texts here only need to be recognisable.
 */
final class Fixtures {

    static final String BRAND = "brand-one";
    static final String OTHER_BRAND = "brand-two";

    private Fixtures() {
    }

    /** Returns a key id as assertions write one: SHA3-384 in unpadded base64url. */
    static String keyId(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA3-384").digest(seed.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static NewSigningKey signingKey(String name, String brand) {
        return new NewSigningKey(name, keyId("signing key " + name), brand, "pkcs11", "label:" + name,
                "AcbBTQRWhcGAARAA" + name);
    }

    static NewModel model(String brand, String name) {
        return new NewModel(brand, name, name + "-apikey", ModelSettings.DEFAULT);
    }

    static NewSigningLogEntry serialEntry(String model, String serial, int revision, String device, Instant signedAt) {
        return new NewSigningLogEntry(BRAND, model, serial, revision, keyId("device " + device),
                keyId("signing key test-key"), signedAt, "127.0.0.1",
                "type: serial\nauthority-id: " + BRAND + "\nmodel: " + model + "\nserial: " + serial
                        + "\nrevision: " + revision + "\n\nSIGNATURE-OF-" + device);
    }
}
