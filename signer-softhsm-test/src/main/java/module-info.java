/**
 * Integration tests of the PKCS#11 plugin on SoftHSMv2 behind p11-kit server. The main
 * code starts a fresh SoftHSM token and its p11-kit server; the tests drive the plugin
 * through the Signer SPI.
 */
module dev.modelservice.signer.softhsm.test {
    requires org.slf4j;
    // The tests reach the plugin only through the SPI; requiring both puts them on the
    // module path, so that the plugin's provider is found there as in the service.
    requires dev.modelservice.api;
    requires dev.modelservice.signer.pkcs11;

    exports dev.modelservice.signer.softhsm.test;
}
