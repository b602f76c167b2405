package dev.modelservice.store;

/**
 * Per-model rules for the serial numbers that the device API signs.
 *
 * @param assignsSerials whether the service may assign a serial number when the device proposes none
 * @param allowsSerialRevisions whether a serial already signed for another device key is signed
 *     again as a new revision of the serial assertion, instead of being rejected as a conflict
 * @param serialFormat the template for the serials that the service assigns, or null for a random
 *     UUID; the server checks its syntax, the store only its length
 */
public record ModelSettings(boolean assignsSerials, boolean allowsSerialRevisions, String serialFormat) {

    public static final int MAX_SERIAL_FORMAT_LENGTH = 128;

    /** Devices must propose their serial, and a serial belongs to one device key. */
    public static final ModelSettings DEFAULT = new ModelSettings(false, false, null);

    public ModelSettings {
        Checks.optionalText(serialFormat, "serial format", MAX_SERIAL_FORMAT_LENGTH);
    }

    /** Settings whose assigned serials are random UUIDs. */
    public ModelSettings(boolean assignsSerials, boolean allowsSerialRevisions) {
        this(assignsSerials, allowsSerialRevisions, null);
    }
}
