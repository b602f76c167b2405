/**
 * The snapd assertion format: decoding, encoding, signing through an abstract signing
 * function, signature verification and chain-of-trust checks, byte for byte as snapd
 * 2.57 reads and writes them.
 */
module dev.modelservice.assertions {
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pg;

    exports dev.modelservice.assertions;
}
