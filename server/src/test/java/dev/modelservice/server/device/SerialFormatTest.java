package dev.modelservice.server.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SerialFormatTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T23:59:59Z"), ZoneOffset.UTC);

    @Test
    void uuidFormatYieldsUuid() {
        String serial = SerialFormat.UUID_ONLY.generate(CLOCK);

        assertTrue(serial.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"), serial);
    }

    @Test
    void prefixDateAndHexAreJoined() {
        String serial = SerialFormat.parse("GW.{date}-{hex:16}").generate(CLOCK);

        assertTrue(serial.matches("GW\\.20261204-[0-9a-f]{16}"), serial);
    }

    @Test
    void oddHexLengthIsExact() {
        String serial = SerialFormat.parse("{hex:17}").generate(CLOCK);

        assertEquals(17, serial.length(), serial);
    }

    @Test
    void twoSerialsDiffer() {
        SerialFormat format = SerialFormat.parse("A-{hex:16}");

        assertNotEquals(format.generate(CLOCK), format.generate(CLOCK));
    }

    @Test
    void maxLengthCountsEveryPart() {
        assertEquals(3 + 8 + 1 + 36, SerialFormat.parse("GW-{date}-{uuid}").maxLength());
    }

    @Test
    void templateIsKept() {
        assertEquals("X{hex:20}", SerialFormat.parse("X{hex:20}").template());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "GW-{date}|it has no random part, so devices would share serials",
        "GW/{uuid}|the text 'GW/' has a character other than letters, digits and - . _ : + (placeholders are {uuid}, {hex:N} and {date})",
        "GW {uuid}|the text 'GW ' has a character other than letters, digits and - . _ : + (placeholders are {uuid}, {hex:N} and {date})",
        "{serial}|{serial} is not a placeholder; use {uuid}, {hex:N} or {date}",
        "{hex:15}|{hex:N} needs N from 16 to 64, the number of random hex digits, such as {hex:16}",
        "{hex:65}|{hex:N} needs N from 16 to 64, the number of random hex digits, such as {hex:16}",
        "{hex}|{hex:N} needs N from 16 to 64, the number of random hex digits, such as {hex:16}",
        "{hex:99999999999}|{hex:N} needs N from 16 to 64, the number of random hex digits, such as {hex:16}",
        "{uuid:4}|{uuid} takes no number; write {uuid}",
        "{uuid|the text '{uuid' has a character other than letters, digits and - . _ : + (placeholders are {uuid}, {hex:N} and {date})",
    })
    void invalidTemplateIsRejected(String template, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SerialFormat.parse(template));

        assertEquals("serial format '" + template + "' is invalid: " + problem, e.getMessage());
    }

    @Test
    void emptyTemplateIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SerialFormat.parse(""));

        assertEquals("serial format '' is invalid: it is empty", e.getMessage());
    }
}
