package dev.modelservice.store;

import java.util.List;
import java.util.Optional;

/** The brand accounts that the service signs serials for. */
public interface BrandAccounts {

    /**
     * Records a brand account.
     *
     * @throws DuplicateRecordException when the account-id is recorded already
     */
    BrandAccount create(String accountId, String displayName);

    Optional<BrandAccount> find(String accountId);

    /** Returns every brand account, ordered by account-id. */
    List<BrandAccount> list();

    /**
     * Stores the brand's account assertion, replacing an earlier one. The caller has decoded
     * and checked the assertion.
     *
     * @throws RecordNotFoundException when the brand account is not recorded
     */
    void setAccountAssertion(String accountId, String assertion);

    /** Returns the brand's imported account assertion, if an admin imported one. */
    Optional<String> findAccountAssertion(String accountId);
}
