package dev.modelservice.cli.admin;

import picocli.CommandLine.Option;

/** The {@code --format} option of the list commands. */
final class FormatOption {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: table (the default), json (every field the API returns)"
                    + " or csv (the table's columns).")
    OutputFormat format;
}
