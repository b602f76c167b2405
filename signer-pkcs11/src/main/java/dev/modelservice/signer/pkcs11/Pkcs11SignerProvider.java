package dev.modelservice.signer.pkcs11;

import dev.modelservice.signer.Signer;
import dev.modelservice.signer.SignerException;
import dev.modelservice.signer.SignerProvider;
import iaik.pkcs.pkcs11.wrapper.PKCS11;
import java.io.IOException;
import java.util.Map;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.StaticLogger;

/** The provider named {@value #NAME}: signers on a PKCS#11 token, by default through p11-kit server. */
public final class Pkcs11SignerProvider implements SignerProvider {
    public static final String NAME = "pkcs11";

    static {
        StaticLogger.setLogger(new WrapperLog());
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Creates a signer; see {@link Pkcs11Configuration} for the settings. */
    @Override
    public Signer create(Map<String, String> configuration) throws SignerException {
        Pkcs11Configuration parsed = Pkcs11Configuration.parse(configuration);
        return new Pkcs11Signer(parsed, connection -> load(parsed, connection));
    }

    /** Loads a new instance of the module, traced; each call is a new C_GetFunctionList. */
    private static PKCS11 load(Pkcs11Configuration configuration, String connection) throws SignerException {
        try {
            PKCS11 module = PKCS11Module.getInstance(configuration.module().toString()).getPKCS11Module();
            return Pkcs11Trace.wrap(module, connection);
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new SignerException(SignerException.Kind.CONFIGURATION, "Cannot load PKCS#11 module "
                    + configuration.module() + ": " + e.getMessage()
                    + ". Check the module setting, and that the temporary folder is writable for the wrapper's"
                    + " JNI library", e);
        }
    }
}
