package dev.modelservice.cli.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Tables laid out as store-admin prints them, CSV with RFC 4180 quoting, JSON as the API sent it. */
class RecordFormatterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEST_KEY_ID = "PPkB6XcYjkxzA9c6dXsaM0sg9r_d5DZ2kDYvWPTeuSXofXGzMDBt7DoD_Xiw3see";

    private static JsonNode records(String json) throws Exception {
        return JSON.readTree(json.replace('\'', '"'));
    }

    private static final List<Column> MODEL_COLUMNS = List.of(
            Column.field("Name", "name"),
            Column.field("API key", "api-key"),
            new Column("Active serial signing key", model -> Column.text(model.path("serial-policy").path("key-name"))));

    @Test
    void tableAlignsColumnsUnderRule() throws Exception {
        JsonNode models = records("[{'name': 'model-a', 'api-key': 'model-a-apikey',"
                + " 'serial-policy': {'revision': 1, 'key-name': 'test-key'}}]");

        String table = RecordFormatter.format(OutputFormat.TABLE, models, MODEL_COLUMNS);

        assertEquals("""
                Name     API key         Active serial signing key
                -------  --------------  -------------------------
                model-a  model-a-apikey  test-key
                """, table);
    }

    @Test
    void tableWidensColumnForLongValue() throws Exception {
        JsonNode keys = records("[{'name': 'test-key', 'sha3-384': '" + TEST_KEY_ID + "', 'account-key-known': false}]");

        String table = RecordFormatter.format(OutputFormat.TABLE, keys, ListKeysCommand.COLUMNS);

        assertEquals("Name      SHA3-384" + " ".repeat(58) + "Account-key\n"
                + "--------  " + "-".repeat(64) + "  -----------\n"
                + "test-key  " + TEST_KEY_ID + "  not known\n", table);
    }

    @Test
    void tableShowsDashForMissingValue() throws Exception {
        JsonNode models = records("[{'name': 'gw', 'api-key': 'k', 'serial-policy': null}]");

        String table = RecordFormatter.format(OutputFormat.TABLE, models, MODEL_COLUMNS);

        assertEquals("gw    k        -", table.lines().toList().get(2));
    }

    @Test
    void tableOfNoRecordsHasHeaderAndRule() throws Exception {
        String table = RecordFormatter.format(OutputFormat.TABLE, records("[]"), MODEL_COLUMNS);

        assertEquals("""
                Name  API key  Active serial signing key
                ----  -------  -------------------------
                """, table);
    }

    @Test
    void tableCountsCodePointsForWidth() throws Exception {
        JsonNode rows = records("[{'name': '\uD83D\uDD11', 'api-key': 'x'}]");

        String table = RecordFormatter.format(OutputFormat.TABLE, rows, MODEL_COLUMNS.subList(0, 2));

        assertEquals("\uD83D\uDD11     x", table.lines().toList().get(2));
    }

    @Test
    void flagColumnShowsWords() throws Exception {
        JsonNode keys = records("[{'name': 'k', 'sha3-384': 'id', 'account-key-known': true}]");

        String csv = RecordFormatter.format(OutputFormat.CSV, keys, ListKeysCommand.COLUMNS);

        assertEquals("Name,SHA3-384,Account-key\nk,id,known\n", csv);
    }

    @Test
    void csvDisarmsFormulaCells() throws Exception {
        JsonNode rows = JSON.readTree("[{\"name\": \"=cmd|calc\", \"api-key\": \"-1+2\"}]");

        String csv = RecordFormatter.format(OutputFormat.CSV, rows, MODEL_COLUMNS.subList(0, 2));

        assertEquals("Name,API key\n'=cmd|calc,'-1+2\n", csv);
    }

    @Test
    void csvQuotesCommasQuotesAndLineBreaks() throws Exception {
        JsonNode rows = records("[{'name': 'a,b', 'api-key': 'say \\\"hi\\\"\\nthere'}]");

        String csv = RecordFormatter.format(OutputFormat.CSV, rows, MODEL_COLUMNS.subList(0, 2));

        assertEquals("Name,API key\n\"a,b\",\"say \"\"hi\"\"\nthere\"\n", csv);
    }

    @Test
    void csvLeavesMissingValueEmpty() throws Exception {
        JsonNode models = records("[{'name': 'gw', 'api-key': 'k'}]");

        String csv = RecordFormatter.format(OutputFormat.CSV, models, MODEL_COLUMNS);

        assertEquals("gw,k,", csv.lines().toList().get(1));
    }

    @Test
    void jsonKeepsEveryField() throws Exception {
        JsonNode keys = records("[{'name': 'k', 'sha3-384': 'id', 'bits': 4096, 'brand': 'acme'}]");

        String json = RecordFormatter.format(OutputFormat.JSON, keys, ListKeysCommand.COLUMNS);

        assertEquals(keys, JSON.readTree(json));
    }

    @Test
    void objectValueShownAsJson() throws Exception {
        JsonNode entries = records("[{'details': {'bits': 2048}}]");

        String csv = RecordFormatter.format(OutputFormat.CSV, entries, List.of(Column.field("Details", "details")));

        assertEquals("\"{\"\"bits\"\":2048}\"", csv.lines().toList().get(1));
    }
}
