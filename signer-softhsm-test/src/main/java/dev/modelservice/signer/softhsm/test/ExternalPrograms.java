package dev.modelservice.signer.softhsm.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The programs and PKCS#11 modules that the SoftHSM tests run, from Debian 12's softhsm2,
 * p11-kit, p11-kit-modules and gnutls-bin packages.
 */
public final class ExternalPrograms {
    public static final Path SOFTHSM_MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    public static final Path P11_KIT_CLIENT_MODULE = Path.of("/usr/lib/x86_64-linux-gnu/pkcs11/p11-kit-client.so");
    public static final Path SOFTHSM_UTIL = Path.of("/usr/bin/softhsm2-util");
    public static final Path P11_KIT = Path.of("/usr/bin/p11-kit");
    public static final Path P11TOOL = Path.of("/usr/bin/p11tool");

    private ExternalPrograms() {
    }

    /** Returns a description of each program or module that is missing, empty when all are installed. */
    public static List<String> missing() {
        List<String> missing = new ArrayList<>();
        check(missing, SOFTHSM_MODULE, "libsofthsm2");
        check(missing, SOFTHSM_UTIL, "softhsm2");
        check(missing, P11_KIT, "p11-kit");
        check(missing, P11_KIT_CLIENT_MODULE, "p11-kit-modules");
        check(missing, P11TOOL, "gnutls-bin");
        return missing;
    }

    private static void check(List<String> missing, Path file, String debianPackage) {
        if (!Files.exists(file)) {
            missing.add(file + " (Debian package " + debianPackage + ")");
        }
    }
}
