package dev.modelservice.cli;

import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionFormatException;
import dev.modelservice.assertions.AssertionStreamDecoder;
import dev.modelservice.assertions.AssertionStreamEncoder;
import dev.modelservice.assertions.AssertionType;
import dev.modelservice.assertions.Model;
import dev.modelservice.assertions.Serial;
import dev.modelservice.assertions.SerialRequest;
import dev.modelservice.cli.admin.AdminContext;
import dev.modelservice.cli.admin.CommandFailedException;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code model-admin test-device}: registers a made-up device with a device service the way
 * snapd does, checks the response as snapd would, and prints the serial. It is how an admin
 * checks a deployment from the device side.
 */
@Command(name = "test-device",
        mixinStandardHelpOptions = true,
        versionProvider = ModelAdmin.Version.class,
        description = {
            "Registers a test device with the device service at --url as snapd does: generates an RSA device"
                + " key in memory, asks for a request-id, sends a signed serial-request (and the model assertion"
                + " when given) with the serial-stream capability, and checks the response as snapd does.",
            "Prints the serial assertion, or writes it to --output FILE, and a one-line summary on stderr.",
            "When the response carries the account-key of the serial's signing key, the serial's signature is"
                + " checked with it. Exits 1 when the service refuses the device or snapd would reject the response."},
        sortOptions = false)
final class TestDeviceCommand implements Callable<Integer> {
    static final int MIN_KEY_BITS = 2048;
    static final int MAX_KEY_BITS = 8192;

    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "The device API's base URL, as in the gadget's device-service.url, such as"
                    + " http://127.0.0.1:8080/ (or .../v1/ for Serial Vault's paths).")
    private String url;

    @Option(names = "--api-key", required = true, paramLabel = "KEY",
            description = "The model's API key, sent in the api-key header.")
    private String apiKey;

    @Option(names = "--brand", required = true, paramLabel = "BRAND", description = "The brand's account id.")
    private String brand;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "The model's name.")
    private String model;

    @Option(names = "--serial", paramLabel = "SERIAL",
            description = "The serial number the device proposes, as registration.proposed-serial does."
                    + " Without it the service must assign one.")
    private String serial;

    @Option(names = "--model-assertion", paramLabel = "FILE",
            description = "A file with the model assertion, sent after the serial-request as snapd does.")
    private Path modelAssertionFile;

    @Option(names = "--key-bits", paramLabel = "BITS", defaultValue = "4096",
            description = "The device key's size in bits, " + MIN_KEY_BITS + " to " + MAX_KEY_BITS
                    + "; snapd uses ${DEFAULT-VALUE}.")
    private int keyBits;

    @Option(names = "--output", paramLabel = "FILE", description = "Writes the serial assertion to FILE instead.")
    private Path output;

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "Trusts only the CA certificates in this PEM file for an https URL, instead of Java's"
                    + " default CAs, as the device would trust the CA in its gadget. MODEL_ADMIN_CA_FILE gives the"
                    + " same when this option is not given.")
    private Path caFile;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        checkKeyBits();
        URI baseUrl = DeviceServiceClient.baseUrl(url);
        Model modelAssertion = modelAssertionFile == null ? null : readModelAssertion(modelAssertionFile);
        TestDevice device = TestDevice.generate(keyBits);
        Optional<Path> trusted = Optional.ofNullable(caFile).or(() -> AdminContext.of(spec).caFileVariable());
        DeviceServiceClient client = new DeviceServiceClient(baseUrl, apiKey, trusted);

        Assertion request = device.serialRequest(brand, model, client.requestId(), serial);
        List<Assertion> stream = new ArrayList<>(List.of(request));
        if (modelAssertion != null) {
            stream.add(modelAssertion.assertion());
        }
        byte[] response = client.serial(AssertionStreamEncoder.encode(stream));

        SerialResponse checked = SerialResponse.check(response, serialRequest(request), modelAssertion);
        write(checked.serial().assertion());
        spec.commandLine().getErr().println(summary(checked, device));
        return ModelAdmin.EXIT_OK;
    }

    private void checkKeyBits() {
        if (keyBits < MIN_KEY_BITS || keyBits > MAX_KEY_BITS) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid --key-bits " + keyBits
                    + ": give " + MIN_KEY_BITS + " to " + MAX_KEY_BITS + ", such as 4096 as snapd uses");
        }
    }

    private static Model readModelAssertion(Path file) {
        List<Assertion> assertions;
        try {
            assertions = AssertionStreamDecoder.decodeAll(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new CommandFailedException("cannot read the model assertion " + file + ": " + e, e);
        } catch (AssertionFormatException e) {
            throw new CommandFailedException(file + " is not a valid assertion: " + e.getMessage()
                    + "; give the model assertion the device boots with");
        }
        if (assertions.size() != 1 || assertions.get(0).type() != AssertionType.MODEL) {
            throw new CommandFailedException(file + " contains " + describe(assertions) + ", not one model assertion;"
                    + " give the model assertion the device boots with");
        }
        try {
            return Model.of(assertions.get(0));
        } catch (AssertionFormatException e) {
            throw new IllegalStateException("a decoded model always has a typed view", e);
        }
    }

    private static String describe(List<Assertion> assertions) {
        if (assertions.isEmpty()) {
            return "no assertion";
        }
        return assertions.size() + " assertion(s), the first of type " + assertions.get(0).type().name();
    }

    private static SerialRequest serialRequest(Assertion request) {
        try {
            return SerialRequest.of(request);
        } catch (AssertionFormatException e) {
            throw new IllegalStateException("a serial-request just built always has a typed view", e);
        }
    }

    private void write(Assertion serialAssertion) {
        byte[] bytes = serialAssertion.encode();
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(new String(bytes, StandardCharsets.UTF_8));
            out.flush();
            return;
        }
        try {
            Files.write(output, bytes);
        } catch (IOException e) {
            throw new CommandFailedException("cannot write the serial assertion to " + output + ": " + e, e);
        }
    }

    private String summary(SerialResponse checked, TestDevice device) {
        Serial signed = checked.serial();
        String signature = checked.signingAccountKey()
                .map(key -> "signature verified with the account-key of " + key.publicKeyId())
                .orElse("signature not checked: the response carries no account-key for signing key "
                        + signed.assertion().signKeyId());
        return "Registered serial " + signed.serial() + " of model " + signed.model() + " of brand "
                + signed.brandId() + " for device key " + device.deviceKey().id() + "; " + signature
                + (output != null ? "; written to " + output : "") + ".";
    }
}
