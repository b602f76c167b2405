package dev.modelservice.signer.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE;
import iaik.pkcs.pkcs11.wrapper.PKCS11;
import iaik.pkcs.pkcs11.wrapper.PKCS11Exception;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/** Object searches and attribute reads on one session, in PKCS#11 terms. */
final class TokenObjects {
    private static final int FIND_BATCH = 256;

    private TokenObjects() {
    }

    static CK_ATTRIBUTE attribute(long type, Object value) {
        CK_ATTRIBUTE attribute = new CK_ATTRIBUTE();
        attribute.type = type;
        attribute.pValue = value;
        return attribute;
    }

    /** Returns the handles of every object matching {@code template}. */
    static long[] find(PKCS11 pkcs11, long session, CK_ATTRIBUTE... template) throws PKCS11Exception {
        pkcs11.C_FindObjectsInit(session, template, true);
        try {
            long[] all = new long[0];
            while (true) {
                long[] batch = pkcs11.C_FindObjects(session, FIND_BATCH);
                if (batch == null || batch.length == 0) {
                    return all;
                }
                long[] joined = Arrays.copyOf(all, all.length + batch.length);
                System.arraycopy(batch, 0, joined, all.length, batch.length);
                all = joined;
            }
        } finally {
            pkcs11.C_FindObjectsFinal(session);
        }
    }

    /** Returns the handles of the RSA keys of {@code objectClass} (CKO_PRIVATE_KEY or CKO_PUBLIC_KEY) with this CKA_ID. */
    static long[] findRsaKeys(PKCS11 pkcs11, long session, long objectClass, byte[] id) throws PKCS11Exception {
        return find(pkcs11, session,
                attribute(CKA_CLASS, objectClass), attribute(CKA_KEY_TYPE, CKK_RSA), attribute(CKA_ID, id));
    }

    /** Returns the handles of the RSA keys of {@code objectClass} whose CKA_LABEL is {@code label}. */
    static long[] findRsaKeysByLabel(PKCS11 pkcs11, long session, long objectClass, String label)
            throws PKCS11Exception {
        return find(pkcs11, session, attribute(CKA_CLASS, objectClass), attribute(CKA_KEY_TYPE, CKK_RSA),
                attribute(CKA_LABEL, label.toCharArray()));
    }

    /** Returns the handles of every RSA private key. */
    static long[] findRsaPrivateKeys(PKCS11 pkcs11, long session) throws PKCS11Exception {
        return find(pkcs11, session, attribute(CKA_CLASS, CKO_PRIVATE_KEY), attribute(CKA_KEY_TYPE, CKK_RSA));
    }

    /** Returns CKA_ID, empty when the object has none. */
    static byte[] readId(PKCS11 pkcs11, long session, long object) throws PKCS11Exception {
        CK_ATTRIBUTE[] template = {attribute(CKA_ID, null)};
        pkcs11.C_GetAttributeValue(session, object, template, true);
        return template[0].pValue == null ? new byte[0] : (byte[]) template[0].pValue;
    }

    /** Returns CKA_LABEL, empty when the object has none. */
    static String readLabel(PKCS11 pkcs11, long session, long object) throws PKCS11Exception {
        CK_ATTRIBUTE[] template = {attribute(CKA_LABEL, null)};
        pkcs11.C_GetAttributeValue(session, object, template, true);
        return template[0].pValue == null ? "" : new String((char[]) template[0].pValue);
    }

    /** Reads CKA_MODULUS and CKA_PUBLIC_EXPONENT of an RSA public key object. */
    static RSAPublicKey readRsaPublicKey(PKCS11 pkcs11, long session, long publicKey) throws PKCS11Exception {
        CK_ATTRIBUTE[] template = {attribute(CKA_MODULUS, null), attribute(CKA_PUBLIC_EXPONENT, null)};
        pkcs11.C_GetAttributeValue(session, publicKey, template, true);
        BigInteger modulus = new BigInteger(1, (byte[]) template[0].pValue);
        BigInteger exponent = new BigInteger(1, (byte[]) template[1].pValue);
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot represent an RSA public key", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
