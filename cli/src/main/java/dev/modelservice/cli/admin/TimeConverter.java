package dev.modelservice.cli.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import picocli.CommandLine;

/** Reads a {@code --since} value: an RFC 3339 time, or a date that stands for its midnight in UTC. */
final class TimeConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        try {
            if (value.length() == "2026-12-04".length()) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a time: give RFC 3339, such as"
                    + " 2026-12-04T21:30:00Z, or a date such as 2026-12-04");
        }
    }
}
