package dev.modelservice.store;

/**
 * The signing log already contains a serial assertion that this one would contradict; the new one
 * was not recorded and must not be sent.
 */
public class SerialConflictException extends DuplicateRecordException {

    private static final long serialVersionUID = 1L;

    /** The rule that the new serial assertion broke. */
    public enum Reason {
        /** The same brand, model, serial and revision was signed already. */
        SERIAL_REVISION_TAKEN,
        /** The device key already has another serial of the same model. */
        DEVICE_KEY_REGISTERED
    }

    private final Reason reason;
    private final transient NewSigningLogEntry entry;

    public SerialConflictException(Reason reason, NewSigningLogEntry entry, Throwable cause) {
        super(messageFor(reason, entry), cause);
        this.reason = reason;
        this.entry = entry;
    }

    public Reason reason() {
        return reason;
    }

    /** Returns the entry that was rejected. */
    public NewSigningLogEntry entry() {
        return entry;
    }

    private static String messageFor(Reason reason, NewSigningLogEntry entry) {
        String model = "model '" + entry.modelName() + "' of brand '" + entry.brandAccountId() + "'";
        return switch (reason) {
            case SERIAL_REVISION_TAKEN -> "serial '" + entry.serial() + "' revision " + entry.revision()
                    + " of " + model + " is already signed; look it up in the signing log";
            case DEVICE_KEY_REGISTERED -> "device key " + entry.deviceKeyId() + " already has a serial of "
                    + model + "; delete its signing log entry to give it serial '" + entry.serial() + "'";
        };
    }
}
