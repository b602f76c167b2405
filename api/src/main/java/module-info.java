/**
 * The Signer SPI that HSM plugins implement, and the loader that finds plugins in a
 * plugins folder.
 */
module dev.modelservice.api {
    requires org.slf4j;

    exports dev.modelservice.signer;

    uses dev.modelservice.signer.SignerProvider;
}
