package dev.modelservice.server.device;

import dev.modelservice.server.metrics.ServiceMetrics;

/**
 * The device resource's collaborators: the registration logic, the health check, the device
 * API's settings and the service's metrics.
 */
public record DeviceContext(Registration registration, ServiceHealth health, RegistrationSettings settings,
        ServiceMetrics metrics) {
}
