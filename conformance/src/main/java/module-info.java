/** Tests that play the device and the store with snapd's own asserts package. */
module dev.modelservice.conformance {
}
