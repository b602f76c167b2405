package dev.modelservice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The text report: one table per mode, the errors, memory and goals. */
class ReportTextTest {

    private static List<String> lines(Report report) {
        return ReportText.format(report).lines().toList();
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with '" + prefix + "' in:\n" + String.join("\n", lines));
    }

    @Test
    void rowShowsRateLatenciesAndCpu() {
        PhaseResult phase = TestReports.phase("serial", 4, 250, 12.345, 20);

        assertEquals("          4    1000       0     250.0    12.35    16.17    20.00    21.00     5%      90%"
                + "      97%", ReportText.row(phase));
    }

    @Test
    void pacedRowShowsTargetRate() {
        assertTrue(ReportText.row(TestReports.paced(85.25, 10)).startsWith("     85.3/s    1000"),
                ReportText.row(TestReports.paced(85.25, 10)));
    }

    @Test
    void cutShortRowSaysSoLast() {
        PhaseResult phase = new PhaseResult("serial", 1, null, 1000, 400, new TreeMap<>(), Map.of(), 120,
                TestReports.latencies(400, 5, 9), Map.of(), true, TestReports.CPU);
        Report report = TestReports.report(TestReports.environment("HSQLDB", "p11-kit", 2), TestReports.plan(2),
                List.of(phase), null, null);

        List<String> lines = lines(report);
        String row = lines.get(indexOf(lines, "serial: phase two") + 2);

        assertTrue(row.endsWith("       -  cut short"), row);
    }

    @Test
    void serialTableComparesWithRawSign() {
        List<String> lines = lines(TestReports.passing());
        int table = indexOf(lines, "serial: phase two");

        assertTrue(lines.get(table + 1).endsWith(" vs raw"), lines.get(table + 1));
        assertTrue(lines.get(table + 2).endsWith("    0.94"), lines.get(table + 2));
        assertTrue(lines.get(table + 3).endsWith("    0.97"), lines.get(table + 3));
    }

    @Test
    void registrationTableShowsEachCall() {
        List<String> lines = lines(TestReports.passing());
        int table = indexOf(lines, "registration:");

        assertTrue(lines.get(table + 2).endsWith("      2.00     12.00"), lines.get(table + 2));
    }

    @Test
    void goalsListVerdicts() {
        List<String> lines = lines(TestReports.passing());
        int goals = indexOf(lines, "goals");

        assertEquals("  PASS serial peak >= 0.9 x raw-sign peak, 2 connections    0.97 (340.0 / 350.0 per s)",
                lines.get(goals + 1));
        assertEquals(6, lines.stream().filter(line -> line.startsWith("  PASS ")).count());
    }

    @Test
    void memoryAndStartupAreShown() {
        String text = ReportText.format(TestReports.passing());

        assertTrue(text.contains("service memory: peak RSS (VmHWM) 200 MiB, RSS 200 MiB after the last phase"), text);
        assertTrue(text.contains("service start-up: 2.10 s"), text);
    }

    @Test
    void errorsListCountAndFirstMessage() {
        Report report = TestReports.report(TestReports.environment("HSQLDB", "p11-kit", 2), TestReports.plan(2),
                List.of(TestReports.withErrors("serial", 8, "409 device-key-registered", 3, "already registered")),
                null, null);

        String text = ReportText.format(report);

        assertTrue(text.contains("  serial at concurrency 8: 409 device-key-registered: 3, \"already registered\""),
                text);
    }

    @Test
    void modesThatDidNotRunHaveNoTable() {
        Report report = TestReports.report(TestReports.environment("HSQLDB", "p11-kit", 2), TestReports.plan(2),
                List.of(TestReports.phase("request-id", 4, 2500, 1, 2)), null, null);

        String text = ReportText.format(report);

        assertTrue(text.contains("request-id: POST request-id alone"), text);
        assertFalse(text.contains("raw-sign: signatures"), text);
        assertFalse(text.contains("errors (status"), text);
    }

    @Test
    void notesComeLast() {
        List<String> lines = lines(TestReports.passing());

        assertEquals("  - a note", lines.get(lines.size() - 1));
    }
}
