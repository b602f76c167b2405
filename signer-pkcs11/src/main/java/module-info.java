/** PKCS#11 signer plugin, reaching the HSM through p11-kit. */
module dev.modelservice.signer.pkcs11 {
}
