package dev.modelservice.server.device;

/** The device resource's collaborators: the registration logic, the health check and the device API's settings. */
public record DeviceContext(Registration registration, ServiceHealth health, RegistrationSettings settings) {
}
