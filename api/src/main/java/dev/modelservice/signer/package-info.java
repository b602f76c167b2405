/**
 * The Signer SPI: a {@link dev.modelservice.signer.SignerProvider} found with
 * {@link java.util.ServiceLoader} creates a {@link dev.modelservice.signer.Signer}, which
 * generates RSA keys inside a token and signs with RSA PKCS#1 v1.5 over SHA-512 without
 * letting a private key out. {@link dev.modelservice.signer.SignerProviders} loads the
 * plugin jars of a plugins folder.
 */
package dev.modelservice.signer;
