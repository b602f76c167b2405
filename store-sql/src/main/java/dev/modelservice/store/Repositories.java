package dev.modelservice.store;

/** The kinds of record the store holds, one repository each. */
public interface Repositories {

    BrandAccounts brandAccounts();

    SigningKeys signingKeys();

    Models models();

    SerialPolicies serialPolicies();

    AccountKeys accountKeys();

    Nonces nonces();

    SigningLog signingLog();

    AdminTokens adminTokens();

    AuditLog auditLog();
}
