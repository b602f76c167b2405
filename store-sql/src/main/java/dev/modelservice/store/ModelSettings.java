package dev.modelservice.store;

/**
 * Per-model rules for the serial numbers that the device API signs.
 *
 * @param assignsSerials whether the service may assign a serial number when the device proposes none
 * @param allowsSerialRevisions whether a serial already signed for another device key is signed
 *     again as a new revision of the serial assertion, instead of being rejected as a conflict
 */
public record ModelSettings(boolean assignsSerials, boolean allowsSerialRevisions) {

    /** Devices must propose their serial, and a serial belongs to one device key. */
    public static final ModelSettings DEFAULT = new ModelSettings(false, false);
}
