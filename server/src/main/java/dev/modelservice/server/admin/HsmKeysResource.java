package dev.modelservice.server.admin;

import dev.modelservice.assertions.AssertionPublicKey;
import dev.modelservice.signer.SignerException;
import dev.modelservice.store.SigningKey;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/**
 * The RSA key pairs in the HSM token, recorded as signing keys or not, so that an admin can
 * find the handle of a key pair that another tool created and record it with
 * {@code POST /v1/keys} and {@code "existing"}.
 */
@Path("/v1/hsm-keys")
@Produces(MediaType.APPLICATION_JSON)
public final class HsmKeysResource {
    private final AdminContext context;

    @Inject
    HsmKeysResource(AdminContext context) {
        this.context = context;
    }

    @GET
    public List<Views.HsmKey> list() throws SignerException {
        List<Views.HsmKey> views = new ArrayList<>();
        for (dev.modelservice.signer.SigningKey key : context.signer().listKeys()) {
            String keyId = AssertionPublicKey.of(key.publicKey()).id();
            String recordedAs = context.store().signingKeys().findByKeyId(keyId).map(SigningKey::name).orElse(null);
            views.add(new Views.HsmKey(key.handle().value(), key.name(), key.modulusBits(), keyId, recordedAs));
        }
        return views;
    }
}
