package dev.modelservice.bench;

/**
 * A model that the run created for one batch of devices, so that its device keys, which
 * the service accepts once per model, can be used again in the next batch.
 */
record BenchModel(String brand, String name, String apiKey) {
    /** Leaves the API key out, so that it never reaches a log. */
    @Override
    public String toString() {
        return "BenchModel[" + brand + "/" + name + "]";
    }
}
