/** Signer SPI that HSM plugins implement. */
module dev.modelservice.api {
}
