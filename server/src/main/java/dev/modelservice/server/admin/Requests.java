package dev.modelservice.server.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON bodies that the admin API accepts; a field left out is null. */
final class Requests {
    private Requests() {
    }

    record CreateBrand(
            @JsonProperty("account-id") String accountId,
            @JsonProperty("display-name") String displayName) {
    }

    /** A key to generate, or with {@code existing}, the handle of a key pair already in the token to record. */
    record CreateKey(String name, Integer bits, String brand, String existing) {
    }

    record AccountKeyRequest(
            @JsonProperty("account-id") String accountId,
            String name,
            String since) {
    }

    record CreateModel(
            String brand,
            String name,
            @JsonProperty("api-key") String apiKey,
            @JsonProperty("assigns-serials") Boolean assignsSerials,
            @JsonProperty("allows-serial-revisions") Boolean allowsSerialRevisions,
            @JsonProperty("serial-format") String serialFormat) {
    }

    /** New model settings; a null field keeps the current value, and an empty serial-format restores UUIDs. */
    record ModelSettings(
            @JsonProperty("assigns-serials") Boolean assignsSerials,
            @JsonProperty("allows-serial-revisions") Boolean allowsSerialRevisions,
            @JsonProperty("serial-format") String serialFormat) {
    }

    record CreateSerialPolicy(String key) {
    }

    record CreateToken(String name) {
    }
}
