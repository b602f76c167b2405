package dev.modelservice.signer.softhsm.test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.modelservice.signer.Signer;
import dev.modelservice.signer.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** Every PKCS#11 call is traced at DEBUG by one logger, and the trace never shows the PIN. */
@ExtendWith(SoftHsmExtension.class)
class CallTraceTest {
    private static final String TRACE_LOGGER = "dev.modelservice.signer.pkcs11.Pkcs11Trace";

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger trace;
    private Level previousLevel;

    @BeforeEach
    void captureTrace() {
        trace = (Logger) LoggerFactory.getLogger(TRACE_LOGGER);
        previousLevel = trace.getLevel();
        trace.setLevel(Level.DEBUG);
        appender.start();
        trace.addAppender(appender);
    }

    @AfterEach
    void restoreTrace() {
        trace.detachAppender(appender);
        trace.setLevel(previousLevel);
    }

    private List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
    }

    @Test
    void signingCallsAreTraced(SoftHsm hsm) throws Exception {
        try (Signer signer = Signers.start(hsm.signerSettings())) {
            SigningKey key = signer.generateKey("traced-key", 2048);
            signer.sign(key.handle(), "traced".getBytes(StandardCharsets.UTF_8));
        }

        String trace = String.join("\n", lines());
        for (String function : List.of("C_Initialize(", "C_Login(", "C_GenerateKeyPair(", "C_SignInit(", "C_Sign(",
                "C_Finalize(")) {
            assertTrue(trace.contains(function), function + " is missing from the trace:\n" + trace);
        }
    }

    @Test
    void traceHidesPin(SoftHsm hsm) throws Exception {
        try (Signer signer = Signers.start(hsm.signerSettings())) {
            signer.listKeys();
        }

        String trace = String.join("\n", lines());
        assertTrue(trace.contains("char[***]"), trace);
        assertFalse(trace.contains(SoftHsmExtension.USER_PIN), "the trace shows the PIN:\n" + trace);
    }
}
