package dev.modelservice.signer.pkcs11;

import iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE;
import iaik.pkcs.pkcs11.wrapper.CK_MECHANISM;
import iaik.pkcs.pkcs11.wrapper.PKCS11;
import iaik.pkcs.pkcs11.wrapper.PKCS11Exception;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Constants;

/**
 * Wraps a PKCS#11 module so that every C_ function call is logged at DEBUG on this class's
 * logger, with its arguments, result or CKR_ code, and duration. Character arrays (PINs)
 * are never logged, byte arrays only by length.
 */
final class Pkcs11Trace implements InvocationHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Pkcs11Trace.class);

    private final PKCS11 target;
    private final String connection;

    private Pkcs11Trace(PKCS11 target, String connection) {
        this.target = target;
        this.connection = connection;
    }

    /** Returns {@code target} wrapped, naming {@code connection} in each log line. */
    static PKCS11 wrap(PKCS11 target, String connection) {
        return (PKCS11) Proxy.newProxyInstance(
                PKCS11.class.getClassLoader(), new Class<?>[] {PKCS11.class}, new Pkcs11Trace(target, connection));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (!LOG.isDebugEnabled() || !method.getName().startsWith("C_")) {
            return invokeTarget(method, args);
        }

        long start = System.nanoTime();
        try {
            Object result = invokeTarget(method, args);
            LOG.debug("{} {}({}) = {} in {} µs", connection, method.getName(), describeArguments(args),
                    describe(result), micros(start));
            return result;
        } catch (PKCS11Exception e) {
            LOG.debug("{} {}({}) failed with {} in {} µs", connection, method.getName(), describeArguments(args),
                    CkrAction.name(e.getErrorCode()), micros(start));
            throw e;
        }
    }

    private Object invokeTarget(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }

    private static String describeArguments(Object[] args) {
        if (args == null) {
            return "";
        }
        return Arrays.stream(args).map(Pkcs11Trace::describe).collect(Collectors.joining(", "));
    }

    private static String describe(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof char[]) {
            return "char[***]";
        }
        if (value instanceof byte[]) {
            return "byte[" + ((byte[]) value).length + "]";
        }
        if (value instanceof long[]) {
            return Arrays.toString((long[]) value);
        }
        if (value instanceof CK_MECHANISM) {
            return PKCS11Constants.ckmCodeToName(((CK_MECHANISM) value).mechanism);
        }
        if (value instanceof CK_ATTRIBUTE[]) {
            return Arrays.stream((CK_ATTRIBUTE[]) value)
                    .map(attribute -> PKCS11Constants.ckaCodeToName(attribute.type) + "=" + describe(attribute.pValue))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof Long || value instanceof Boolean || value instanceof Integer) {
            return value.toString();
        }
        return value.getClass().getSimpleName();
    }
}
