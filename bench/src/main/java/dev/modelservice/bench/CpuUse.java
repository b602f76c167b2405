package dev.modelservice.bench;

/**
 * Who used the machine's CPU during a timed phase, each as a share of all its cores
 * (1.0 means every core was busy the whole time).
 *
 * @param bench the benchmark process itself, so that a client bottleneck shows
 * @param service the service process, or null when its PID is not known
 * @param machine every process together, from /proc/stat, so that other load shows
 */
record CpuUse(double bench, Double service, double machine) {
}
