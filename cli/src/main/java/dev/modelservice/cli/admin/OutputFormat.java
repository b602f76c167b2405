package dev.modelservice.cli.admin;

/** Output format of a list command. */
enum OutputFormat {
    /** Aligned columns under a header and a rule of dashes, as store-admin prints them. */
    TABLE,
    /** The records as the admin API returned them, every field included. */
    JSON,
    /** The table's columns as comma-separated values with a header row (RFC 4180 quoting). */
    CSV
}
