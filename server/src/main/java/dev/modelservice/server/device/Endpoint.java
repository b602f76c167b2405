package dev.modelservice.server.device;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the device API endpoint that a resource method serves, as the device request
 * metrics label it. The direct, {@code /v1/} and store-proxy paths of one endpoint share
 * its name.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Endpoint {
    String value();
}
