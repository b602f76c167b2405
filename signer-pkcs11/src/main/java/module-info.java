/**
 * PKCS#11 signer plugin, reaching the HSM through p11-kit. Its provider is named
 * {@code pkcs11}; {@link dev.modelservice.signer.pkcs11.Pkcs11Configuration} lists its
 * settings.
 */
// The project fixes this name, which ends in the digits of "PKCS#11".
@SuppressWarnings("module")
module dev.modelservice.signer.pkcs11 {
    requires dev.modelservice.api;
    requires org.slf4j;
    // The IAIK PKCS#11 wrapper as forked by xipki; an automatic module, it unpacks its JNI
    // library from its jar into the temporary folder.
    requires ipkcs11wrapper;

    provides dev.modelservice.signer.SignerProvider
            with dev.modelservice.signer.pkcs11.Pkcs11SignerProvider;
}
