package dev.modelservice.server;

import java.nio.file.Path;

/**
 * The outcome of {@code model-service init}.
 *
 * @param brandAccountId the brand the database serves
 * @param created true when this run created the database records and the token file,
 *     false when the database was initialised already and nothing changed
 * @param adminTokenFile the file that contains the first admin token's secret
 * @param message a sentence for the operator saying which of the two happened
 */
public record InitResult(String brandAccountId, boolean created, Path adminTokenFile, String message) {
}
