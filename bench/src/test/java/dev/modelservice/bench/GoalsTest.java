package dev.modelservice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each goal passes, fails, or says why it was not measured. */
class GoalsTest {

    private static Goal goal(Report report, String name) {
        return report.goals().stream().filter(goal -> goal.name().equals(name)).findFirst().orElseThrow();
    }

    private static Report with(List<PhaseResult> phases, Report.Environment environment, Report.Plan plan) {
        return TestReports.report(environment, plan, phases, null, null);
    }

    @Test
    void passingRunPassesEveryGoal() {
        Report report = TestReports.passing();

        for (Goal goal : report.goals()) {
            assertEquals(Goal.Status.PASS, goal.status(), goal.toString());
        }
    }

    @Test
    void signingRatioComparesPeaks() {
        Goal goal = goal(TestReports.passing(), Goals.SIGNING_RATIO_GOAL);

        assertEquals("0.97 (340.0 / 350.0 per s)", goal.measured());
    }

    @Test
    void slowSerialsFailSigningRatio() {
        Report report = with(List.of(TestReports.phase("raw-sign", 2, 350, 5, 7),
                TestReports.phase("serial", 2, 300, 6, 9)), TestReports.environment("HSQLDB", "p11-kit", 2),
                TestReports.plan(2));

        assertEquals(Goal.Status.FAIL, goal(report, Goals.SIGNING_RATIO_GOAL).status());
    }

    @Test
    void signingRatioNeedsTwoConnections() {
        Report report = with(List.of(TestReports.phase("raw-sign", 2, 180, 5, 7),
                TestReports.phase("serial", 2, 175, 6, 9)), TestReports.environment("HSQLDB", "p11-kit", 1),
                TestReports.plan(1));

        Goal goal = goal(report, Goals.SIGNING_RATIO_GOAL);

        assertEquals(Goal.Status.NOT_MEASURED, goal.status());
        assertEquals("the service signs on 1 and raw-sign on 1 connections; the goal is for 2 each", goal.measured());
    }

    @Test
    void slowPacedP99Fails() {
        Report report = with(List.of(TestReports.paced(150, 20.5)), TestReports.environment("HSQLDB", "p11-kit", 2),
                TestReports.plan(2));

        Goal goal = goal(report, Goals.PACED_P99_GOAL);

        assertEquals(Goal.Status.FAIL, goal.status());
        assertEquals("20.5 ms at 150.0/s", goal.measured());
    }

    @Test
    void requestIdGoalIsForHsqldbOnly() {
        Report report = with(List.of(TestReports.phase("request-id", 4, 2500, 1, 2)),
                TestReports.environment("PostgreSQL", "p11-kit", 2), TestReports.plan(2));

        Goal goal = goal(report, Goals.REQUEST_ID_GOAL);

        assertEquals(Goal.Status.NOT_MEASURED, goal.status());
        assertEquals("2500/s on PostgreSQL; the goal is for HSQLDB", goal.measured());
    }

    @Test
    void slowRequestIdsFailOnHsqldb() {
        Report report = with(List.of(TestReports.phase("request-id", 4, 2500, 1, 2)),
                TestReports.environment("HSQLDB", "p11-kit", 2), TestReports.plan(2));

        assertEquals(Goal.Status.FAIL, goal(report, Goals.REQUEST_ID_GOAL).status());
    }

    @Test
    void anyErrorFailsErrorGoal() {
        Report report = with(List.of(TestReports.withErrors("serial", 4, "409 serial-taken", 2, "taken")),
                TestReports.environment("HSQLDB", "p11-kit", 2), TestReports.plan(2));

        Goal goal = goal(report, Goals.ERRORS_GOAL);

        assertEquals(Goal.Status.FAIL, goal.status());
        assertEquals("2 errors, 998 responses verified", goal.measured());
    }

    @Test
    void largeRssFails() {
        Report report = TestReports.report(TestReports.environment("HSQLDB", "p11-kit", 2), TestReports.plan(2),
                List.of(), 300L << 20, null);

        Goal goal = goal(report, Goals.RSS_GOAL);

        assertEquals(Goal.Status.FAIL, goal.status());
        assertEquals("300 MiB", goal.measured());
    }

    @Test
    void missingMeasurementsAreNotMeasured() {
        Report report = with(List.of(), TestReports.environment("HSQLDB", "p11-kit", 2), TestReports.plan(2));

        for (Goal goal : report.goals()) {
            assertEquals(Goal.Status.NOT_MEASURED, goal.status(), goal.toString());
        }
    }

    @Test
    void slowStartupFails() {
        Report report = TestReports.report(TestReports.environment("HSQLDB", "p11-kit", 2), TestReports.plan(2),
                List.of(), null, 3001L);

        assertEquals(Goal.Status.FAIL, goal(report, Goals.STARTUP_GOAL).status());
    }
}
