/** Integration tests of the PKCS#11 plugin on SoftHSMv2 behind p11-kit server. */
module dev.modelservice.signer.softhsm.test {
}
