package dev.modelservice.store.sql;

import dev.modelservice.store.AccountKeys;
import dev.modelservice.store.AdminTokens;
import dev.modelservice.store.AuditLog;
import dev.modelservice.store.BrandAccounts;
import dev.modelservice.store.Models;
import dev.modelservice.store.Nonces;
import dev.modelservice.store.Repositories;
import dev.modelservice.store.SerialPolicies;
import dev.modelservice.store.SigningKeys;
import dev.modelservice.store.SigningLog;
import java.time.Clock;

/** The repositories over one way of reaching the database, pooled or inside a transaction. */
final class SqlRepositories implements Repositories {

    private final BrandAccounts brandAccounts;
    private final SigningKeys signingKeys;
    private final Models models;
    private final SerialPolicies serialPolicies;
    private final AccountKeys accountKeys;
    private final SqlNonces nonces;
    private final SigningLog signingLog;
    private final AdminTokens adminTokens;
    private final AuditLog auditLog;

    SqlRepositories(Jdbc jdbc, Clock clock) {
        brandAccounts = new SqlBrandAccounts(jdbc, clock);
        signingKeys = new SqlSigningKeys(jdbc, clock);
        models = new SqlModels(jdbc, clock);
        serialPolicies = new SqlSerialPolicies(jdbc, clock);
        accountKeys = new SqlAccountKeys(jdbc, clock);
        nonces = new SqlNonces(jdbc, clock);
        signingLog = new SqlSigningLog(jdbc, nonces);
        adminTokens = new SqlAdminTokens(jdbc, clock);
        auditLog = new SqlAuditLog(jdbc, clock);
    }

    @Override
    public BrandAccounts brandAccounts() {
        return brandAccounts;
    }

    @Override
    public SigningKeys signingKeys() {
        return signingKeys;
    }

    @Override
    public Models models() {
        return models;
    }

    @Override
    public SerialPolicies serialPolicies() {
        return serialPolicies;
    }

    @Override
    public AccountKeys accountKeys() {
        return accountKeys;
    }

    @Override
    public Nonces nonces() {
        return nonces;
    }

    @Override
    public SigningLog signingLog() {
        return signingLog;
    }

    @Override
    public AdminTokens adminTokens() {
        return adminTokens;
    }

    @Override
    public AuditLog auditLog() {
        return auditLog;
    }
}
