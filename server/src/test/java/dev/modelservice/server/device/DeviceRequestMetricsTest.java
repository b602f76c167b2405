package dev.modelservice.server.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The labels of the device request metrics: a fixed set of endpoint names and error codes. */
class DeviceRequestMetricsTest {

    private static boolean isResourceMethod(Method method) {
        return method.isAnnotationPresent(GET.class) || method.isAnnotationPresent(POST.class)
                || method.isAnnotationPresent(HEAD.class);
    }

    @Test
    void everyResourceMethodNamesItsEndpoint() {
        for (Method method : DeviceResource.class.getDeclaredMethods()) {
            if (isResourceMethod(method)) {
                assertNotNull(method.getAnnotation(Endpoint.class), method.getName());
            }
        }
    }

    @Test
    void endpointsAreTheDocumentedFour() {
        Set<String> endpoints = Arrays.stream(DeviceResource.class.getDeclaredMethods())
                .filter(DeviceRequestMetricsTest::isResourceMethod)
                .map(method -> method.getAnnotation(Endpoint.class).value())
                .collect(Collectors.toCollection(TreeSet::new));

        assertEquals(Set.of("health", "request-id", "serial", "store-version"), endpoints);
    }

    @Test
    void errorBodyGivesItsCode() {
        Object entity = DeviceErrorBody.response(401, "invalid-api-key", "missing or unknown API key").getEntity();

        assertEquals("invalid-api-key", DeviceRequestMetrics.code(entity));
    }

    @Test
    void otherBodyHasNoCode() {
        assertEquals(DeviceRequestMetrics.NO_CODE, DeviceRequestMetrics.code("{\"request-id\": \"abc\"}"));
    }
}
