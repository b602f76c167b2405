package dev.modelservice.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.Function;

/**
 * A column of a table or CSV output: its header and the text it shows for a record, or null
 * when the record has no value there.
 */
record Column(String header, Function<JsonNode, String> value) {
    /** Returns a column that shows a field of the record as text. */
    static Column field(String header, String field) {
        return new Column(header, record -> text(record.path(field)));
    }

    /** Returns a column that shows {@code yes} or {@code no} for a boolean field. */
    static Column flag(String header, String field, String yes, String no) {
        return new Column(header, record -> record.path(field).isBoolean()
                ? (record.get(field).asBoolean() ? yes : no)
                : null);
    }

    /** Returns a node's text: a string as it is, a number or object as JSON, null for a missing one. */
    static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
