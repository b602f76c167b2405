package dev.modelservice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The benchmark loads only this machine: loopback literals and localhost, never a resolved name. */
class LoopbackTest {

    @Test
    void loopbackHostsAreAccepted() {
        assertTrue(Loopback.isLoopbackHost("127.0.0.1"));
        assertTrue(Loopback.isLoopbackHost("127.10.20.30"));
        assertTrue(Loopback.isLoopbackHost("localhost"));
        assertTrue(Loopback.isLoopbackHost("LOCALHOST"));
        assertTrue(Loopback.isLoopbackHost("[::1]"));
        assertTrue(Loopback.isLoopbackHost("[0:0:0:0:0:0:0:1]"));
    }

    @Test
    void otherHostsAreRejected() {
        assertFalse(Loopback.isLoopbackHost("10.0.0.1"));
        assertFalse(Loopback.isLoopbackHost("0.0.0.0"));
        assertFalse(Loopback.isLoopbackHost("[::]"));
        assertFalse(Loopback.isLoopbackHost("[2001:db8::1]"));
        assertFalse(Loopback.isLoopbackHost("serials.factory.example"));
        assertFalse(Loopback.isLoopbackHost("localhost.example"));
    }

    @Test
    void invalidLiteralsAreRejected() {
        assertFalse(Loopback.isLoopbackHost("127.0.0.256"));
        assertFalse(Loopback.isLoopbackHost("[::zz]"));
    }

    @Test
    void urlGetsTrailingSlash() {
        assertEquals(URI.create("http://127.0.0.1:8080/"),
                Loopback.checkedUrl("--device-url", "http://127.0.0.1:8080"));
        assertEquals(URI.create("http://[::1]:8080/v1/"), Loopback.checkedUrl("--device-url", "http://[::1]:8080/v1"));
    }

    @Test
    void remoteUrlIsRejectedWithReason() {
        BenchException error = assertThrows(BenchException.class,
                () -> Loopback.checkedUrl("--device-url", "http://10.1.2.3:8080/"));

        assertTrue(error.getMessage().startsWith("rejected --device-url 'http://10.1.2.3:8080/'"), error.getMessage());
        assertTrue(error.getMessage().contains("only to loopback addresses"), error.getMessage());
    }

    @Test
    void nonHttpUrlIsInvalid() {
        BenchException error = assertThrows(BenchException.class,
                () -> Loopback.checkedUrl("--admin-url", "ftp://127.0.0.1/"));

        assertTrue(error.getMessage().startsWith("invalid --admin-url 'ftp://127.0.0.1/'"), error.getMessage());
    }

    @Test
    void urlWithQueryIsInvalid() {
        assertThrows(BenchException.class, () -> Loopback.checkedUrl("--admin-url", "http://127.0.0.1:8081/?x=1"));
    }
}
