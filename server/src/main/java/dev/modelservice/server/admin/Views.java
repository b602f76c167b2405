package dev.modelservice.server.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The JSON bodies that the admin API returns; field names follow docs/admin-api.md. */
final class Views {
    private Views() {
    }

    record Status(
            String version,
            List<Brand> brands,
            SignerStatus signer,
            DatabaseStatus database,
            Counts counts) {
    }

    record SignerStatus(String provider, String description, boolean healthy, String message) {
    }

    record DatabaseStatus(boolean healthy, String message) {
    }

    record Counts(
            @JsonProperty("brand-accounts") long brandAccounts,
            @JsonProperty("signing-keys") long signingKeys,
            long models,
            @JsonProperty("serial-policies") long serialPolicies,
            @JsonProperty("account-keys") long accountKeys,
            @JsonProperty("signing-log-entries") long signingLogEntries,
            @JsonProperty("admin-tokens") long adminTokens) {
    }

    record Brand(
            @JsonProperty("account-id") String accountId,
            @JsonProperty("display-name") String displayName,
            String created) {
    }

    record HsmKey(
            String handle,
            String label,
            int bits,
            @JsonProperty("sha3-384") String sha3384,
            @JsonProperty("signing-key") String signingKey) {
    }

    record Key(
            String name,
            @JsonProperty("sha3-384") String sha3384,
            String brand,
            int bits,
            String created,
            @JsonProperty("account-key-known") boolean accountKeyKnown) {
    }

    record KeyDetails(
            String name,
            @JsonProperty("sha3-384") String sha3384,
            String brand,
            int bits,
            String created,
            @JsonProperty("account-key-known") boolean accountKeyKnown,
            @JsonProperty("public-key") String publicKey,
            @JsonProperty("account-key") String accountKey) {
    }

    record AccountKey(
            @JsonProperty("public-key-sha3-384") String publicKeySha3384,
            @JsonProperty("account-id") String accountId,
            String name,
            String since,
            String until,
            @JsonProperty("signing-key") String signingKey,
            String imported) {
    }

    record ImportResults(List<ImportResult> results) {
    }

    record ImportResult(
            @JsonProperty("public-key-sha3-384") String publicKeySha3384,
            @JsonProperty("account-id") String accountId,
            String name,
            String outcome,
            String message) {
    }

    record Model(
            String brand,
            String name,
            @JsonProperty("api-key") String apiKey,
            @JsonProperty("assigns-serials") boolean assignsSerials,
            @JsonProperty("allows-serial-revisions") boolean allowsSerialRevisions,
            @JsonProperty("serial-format") String serialFormat,
            String created,
            @JsonProperty("serial-policy") ActivePolicy serialPolicy) {
    }

    record ActivePolicy(
            int revision,
            @JsonProperty("key-name") String keyName,
            @JsonProperty("key-sha3-384") String keySha3384) {
    }

    record SerialPolicy(
            int revision,
            @JsonProperty("key-name") String keyName,
            @JsonProperty("key-sha3-384") String keySha3384,
            String created) {
    }

    record SigningLogEntry(
            long id,
            String brand,
            String model,
            String serial,
            int revision,
            @JsonProperty("device-key-sha3-384") String deviceKeySha3384,
            @JsonProperty("signing-key-sha3-384") String signingKeySha3384,
            String signed,
            @JsonProperty("client-address") String clientAddress) {
    }

    record SigningLogEntryDetails(
            long id,
            String brand,
            String model,
            String serial,
            int revision,
            @JsonProperty("device-key-sha3-384") String deviceKeySha3384,
            @JsonProperty("signing-key-sha3-384") String signingKeySha3384,
            String signed,
            @JsonProperty("client-address") String clientAddress,
            @JsonProperty("serial-assertion") String serialAssertion) {
    }

    record Token(String name, String created, String revoked) {
    }

    record IssuedToken(String name, String token) {
    }

    record AuditEntry(long id, String time, String token, String action, String subject, String details) {
    }
}
