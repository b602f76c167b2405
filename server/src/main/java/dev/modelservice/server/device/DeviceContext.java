package dev.modelservice.server.device;

/** The device resource's collaborators: the registration logic and the device API's settings. */
public record DeviceContext(Registration registration, RegistrationSettings settings) {
}
