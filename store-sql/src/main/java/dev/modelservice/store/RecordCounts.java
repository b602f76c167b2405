package dev.modelservice.store;

/** How many records of each kind the store holds, for status pages. */
public record RecordCounts(
        long brandAccounts,
        long signingKeys,
        long models,
        long serialPolicies,
        long accountKeys,
        long signingLogEntries,
        long validAdminTokens) {
}
