package dev.modelservice.server;

import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionBuilder;
import dev.modelservice.assertions.AssertionPublicKey;
import dev.modelservice.assertions.AssertionType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A software RSA key that plays the store in tests: it signs account-key assertions for
 * the service's keys, as the store's key registration does.
 */
final class StoreKeys {
    private final KeyPair pair;
    private final AssertionPublicKey publicKey;

    private StoreKeys(KeyPair pair) {
        this.pair = pair;
        this.publicKey = AssertionPublicKey.of((RSAPublicKey) pair.getPublic());
    }

    static StoreKeys generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return new StoreKeys(generator.generateKeyPair());
    }

    /** Returns the public half of a fresh software key, for account-keys of keys the service does not hold. */
    static AssertionPublicKey otherKey() throws GeneralSecurityException {
        return generate().publicKey;
    }

    /** Signs an account-key assertion for {@code key}, valid from 2026-01-01 on, with the given extra headers. */
    String accountKey(String accountId, String name, AssertionPublicKey key, Map<String, String> extraHeaders)
            throws Exception {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("authority-id", "canonical");
        headers.put("account-id", accountId);
        headers.put("name", name);
        headers.put("public-key-sha3-384", key.id());
        headers.put("since", "2026-01-01T00:00:00Z");
        headers.putAll(extraHeaders);
        Assertion assertion = AssertionBuilder.of(AssertionType.ACCOUNT_KEY)
                .headers(headers)
                .body(key.encode())
                .sign(publicKey, Instant.now(), this::sign);
        return new String(assertion.encode(), StandardCharsets.UTF_8);
    }

    /** Signs a brand's account assertion with the given revision, as the store does. */
    String account(String accountId, int revision) throws Exception {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("authority-id", "canonical");
        headers.put("account-id", accountId);
        headers.put("display-name", "Brand " + accountId);
        headers.put("validation", "verified");
        headers.put("timestamp", "2026-01-01T00:00:00Z");
        if (revision > 0) {
            headers.put("revision", Integer.toString(revision));
        }
        Assertion assertion = AssertionBuilder.of(AssertionType.ACCOUNT)
                .headers(headers)
                .sign(publicKey, Instant.now(), this::sign);
        return new String(assertion.encode(), StandardCharsets.UTF_8);
    }

    private byte[] sign(byte[] data) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA512withRSA");
        signature.initSign(pair.getPrivate());
        signature.update(data);
        return signature.sign();
    }
}
