package dev.modelservice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Markdown tables over a matrix of runs: a column per configuration, a row per concurrency. */
class MatrixSummaryTest {

    private static Path write(Path folder, String name, Report report) {
        Path file = folder.resolve(name);
        ReportJson.write(report, file);
        return file;
    }

    private static Report run(String database, String hsmPath, int connections, double serialRate) {
        return TestReports.report(TestReports.environment(database, hsmPath, connections),
                TestReports.plan(connections), List.of(TestReports.phase("raw-sign", 1, 200, 5, 6),
                        TestReports.phase("serial", 1, serialRate, 5.5, 6.5)), 180L << 20, 1500L);
    }

    private static List<String> lines(String markdown) {
        return markdown.lines().toList();
    }

    @Test
    void columnsOrderByPathThenConnections(@TempDir Path folder) {
        List<Path> files = List.of(
                write(folder, "b.json", run("HSQLDB", "p11-kit", 2, 190)),
                write(folder, "a.json", run("HSQLDB", "p11-kit", 1, 180)));

        List<String> lines = lines(MatrixSummary.markdown(MatrixSummary.read(files)));

        assertEquals("## HSQLDB", lines.get(0));
        assertEquals("| concurrency | p11-kit, 1 connection | p11-kit, 2 connections |", lines.get(4));
        assertEquals("| 1 | 180.0 (6.5) | 190.0 (6.5) |", lines.get(6));
    }

    @Test
    void ratioTableDividesByRawSign(@TempDir Path folder) {
        String markdown = MatrixSummary.markdown(MatrixSummary.read(List.of(
                write(folder, "a.json", run("HSQLDB", "p11-kit", 2, 180)))));

        assertTrue(markdown.contains("Serial rate over raw-sign rate:\n\n| concurrency | p11-kit, 2 connections |\n"
                + "| ---: | ---: |\n| 1 | 0.90 |\n"), markdown);
    }

    @Test
    void databasesGetSections(@TempDir Path folder) {
        String markdown = MatrixSummary.markdown(MatrixSummary.read(List.of(
                write(folder, "p.json", run("PostgreSQL", "p11-kit", 2, 150)),
                write(folder, "h.json", run("HSQLDB", "p11-kit", 2, 180)))));

        assertTrue(markdown.indexOf("## HSQLDB") < markdown.indexOf("## PostgreSQL"), markdown);
    }

    @Test
    void failedConfigurationShowsWhy(@TempDir Path folder) throws Exception {
        Path failed = Files.writeString(folder.resolve("direct.json"), "{\"configuration\": {\"database\": \"HSQLDB\","
                + " \"hsm-path\": \"libsofthsm2.so\", \"connections\": 1}, \"failure\": \"service did not start\"}");
        List<Path> files = List.of(failed, write(folder, "a.json", run("HSQLDB", "p11-kit", 1, 180)));

        String markdown = MatrixSummary.markdown(MatrixSummary.read(files));

        assertTrue(markdown.contains("| 1 | 180.0 (6.5) | failed |"), markdown);
        assertTrue(markdown.contains("| libsofthsm2.so, 1 connection | failed: service did not start |"), markdown);
    }

    @Test
    void perConfigurationRowHasPeaksAndGoals(@TempDir Path folder) {
        String markdown = MatrixSummary.markdown(MatrixSummary.read(List.of(
                write(folder, "a.json", run("HSQLDB", "p11-kit", 2, 180)))));

        assertTrue(markdown.contains("| p11-kit, 2 connections | 180.0 | 200.0 | 0.90 | - | - | 180 | 1.50 | 0 |"
                + " 4 of 4 measured |"), markdown);
    }

    @Test
    void fileWithoutConfigurationIsRejected(@TempDir Path folder) throws Exception {
        Path file = Files.writeString(folder.resolve("x.json"), "{}");

        BenchException error = assertThrows(BenchException.class, () -> MatrixSummary.read(List.of(file)));

        assertTrue(error.getMessage().contains("has no \"configuration\""), error.getMessage());
    }
}
