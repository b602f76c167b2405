package dev.modelservice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Reading /proc: memory of a process, CPU of the machine, the CPU model. */
class ProcessStatsTest {

    @Test
    void statusFieldIsReadInKilobytes() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  245760 kB\nVmRSS:\t  200000 kB\n";

        assertEquals(OptionalLong.of(245760), ProcessStats.statusKilobytes(status, "VmHWM"));
        assertEquals(OptionalLong.of(200000), ProcessStats.statusKilobytes(status, "VmRSS"));
        assertEquals(OptionalLong.empty(), ProcessStats.statusKilobytes(status, "VmSwap"));
    }

    @Test
    void procStatSplitsBusyFromIdle() {
        ProcessStats.MachineCpu cpu = ProcessStats.parseProcStat("cpu  100 5 50 800 40 3 2 0 0 0");

        assertEquals(160, cpu.busy());
        assertEquals(1000, cpu.total());
    }

    @Test
    void ownPeakRssIsReadable() {
        OptionalLong peak = ProcessStats.peakRssBytes(ProcessHandle.current().pid());

        assertTrue(peak.isPresent(), "no VmHWM line");
        assertTrue(peak.getAsLong() > 0, peak.toString());
    }

    @Test
    void missingProcessHasNoMemory() {
        assertEquals(OptionalLong.empty(), ProcessStats.peakRssBytes(Long.MAX_VALUE));
    }

    @Test
    void cpuModelComesFromModelName() {
        assertEquals("AMD EPYC 7763 64-Core Processor", Environments.cpuModel(List.of("processor\t: 0",
                "vendor_id\t: AuthenticAMD", "model name\t: AMD EPYC 7763 64-Core Processor")));
        assertEquals("unknown", Environments.cpuModel(List.of()));
    }
}
