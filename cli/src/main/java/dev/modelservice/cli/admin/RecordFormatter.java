package dev.modelservice.cli.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/** Writes a list of records from the admin API as a table, JSON or CSV. */
final class RecordFormatter {
    /** Text a table shows in place of a missing value. CSV leaves the field empty. */
    static final String MISSING = "-";
    private static final String COLUMN_GAP = "  ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordFormatter() {
    }

    /** Returns {@code records}, a JSON array, in {@code format}, ending with a line break. */
    static String format(OutputFormat format, JsonNode records, List<Column> columns) {
        return switch (format) {
            case TABLE -> table(columns, rows(records, columns, MISSING));
            case CSV -> csv(columns, rows(records, columns, ""));
            case JSON -> json(records);
        };
    }

    private static List<List<String>> rows(JsonNode records, List<Column> columns, String missing) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode record : records) {
            List<String> row = new ArrayList<>();
            for (Column column : columns) {
                String value = column.value().apply(record);
                row.add(value == null ? missing : value);
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * Returns the header, a rule of dashes as wide as each column, and the rows, with columns
     * two spaces apart and no trailing spaces.
     */
    static String table(List<Column> columns, List<List<String>> rows) {
        int[] widths = new int[columns.size()];
        List<String> headers = columns.stream().map(Column::header).toList();
        for (List<String> row : allRows(headers, rows)) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }

        StringBuilder text = new StringBuilder();
        appendLine(text, headers, widths);
        appendLine(text, headers.stream().map(header -> "").toList(), widths, '-');
        for (List<String> row : rows) {
            appendLine(text, row, widths);
        }
        return text.toString();
    }

    private static List<List<String>> allRows(List<String> headers, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>(rows);
        all.add(headers);
        return all;
    }

    private static void appendLine(StringBuilder text, List<String> cells, int[] widths) {
        appendLine(text, cells, widths, ' ');
    }

    private static void appendLine(StringBuilder text, List<String> cells, int[] widths, char fill) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(COLUMN_GAP);
            }
            line.append(cells.get(i)).append(String.valueOf(fill).repeat(widths[i] - width(cells.get(i))));
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }

    // Counts code points, so that a name with characters outside the BMP keeps its column straight.
    private static int width(String cell) {
        return cell.codePointCount(0, cell.length());
    }

    /** Returns a header row and the rows as RFC 4180 CSV, with line feeds as line ends. */
    static String csv(List<Column> columns, List<List<String>> rows) {
        StringBuilder text = new StringBuilder();
        appendCsvLine(text, columns.stream().map(Column::header).toList());
        for (List<String> row : rows) {
            appendCsvLine(text, row);
        }
        return text.toString();
    }

    private static void appendCsvLine(StringBuilder text, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(csvField(cells.get(i)));
        }
        text.append('\n');
    }

    /**
     * Quotes a field as RFC 4180 requires. A field that a spreadsheet would run as a formula, such as
     * a serial that a device proposed as {@code =cmd|calc}, gets a leading apostrophe, so that
     * spreadsheets show it as text.
     */
    private static String csvField(String value) {
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            value = "'" + value;
        }
        boolean needsQuotes = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    static String json(JsonNode value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of JSON nodes always serialises", e);
        }
    }
}
