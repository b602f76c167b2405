package dev.modelservice.server.device;

import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionType;

import java.util.List;

/**
 * The assertions of a serial request body, in the order snapd sends them: the
 * serial-request, then the model assertion, then, on a remodel, the device's current serial.
 *
 * @param serialRequest the serial-request
 * @param model the model assertion, or null when the device sent none
 * @param currentSerial the serial the device holds, sent on a remodel, or null
 */
record SerialRequestParts(Assertion serialRequest, Assertion model, Assertion currentSerial) {

    /**
     * Sorts a decoded stream into its parts.
     *
     * @throws DeviceError 400 when the stream does not have that shape
     */
    static SerialRequestParts of(List<Assertion> stream) {
        if (stream.isEmpty()) {
            throw DeviceError.badRequest("invalid-request", "the request body contains no assertion: send the"
                    + " serial-request, then the model assertion");
        }
        Assertion first = stream.get(0);
        if (first.type() != AssertionType.SERIAL_REQUEST) {
            throw DeviceError.badRequest("invalid-request", "the request body must start with a serial-request"
                    + " assertion, not a " + first.type().name() + " assertion");
        }

        Assertion model = null;
        Assertion currentSerial = null;
        for (Assertion assertion : stream.subList(1, stream.size())) {
            if (assertion.type() == AssertionType.MODEL && model == null) {
                model = assertion;
            } else if (assertion.type() == AssertionType.SERIAL && currentSerial == null) {
                currentSerial = assertion;
            } else {
                throw DeviceError.badRequest("invalid-request", "unexpected " + assertion.type().name()
                        + " assertion in the request body: expected a serial-request, a model assertion and,"
                        + " on a remodel, the current serial, once each");
            }
        }
        return new SerialRequestParts(first, model, currentSerial);
    }
}
