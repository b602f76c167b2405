package dev.modelservice.server.device;

import org.glassfish.jersey.inject.hk2.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The Jersey application of the device API. */
public final class DeviceApplication {
    private DeviceApplication() {
    }

    public static ResourceConfig of(DeviceContext context) {
        ResourceConfig config = new ResourceConfig();
        config.setApplicationName("model-service-device");
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        DeviceErrorMappers.all(context.settings().retryAfter()).forEach(config::register);
        config.register(new DeviceRequestMetrics(context.metrics()));
        config.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(context).to(DeviceContext.class);
            }
        });
        config.register(DeviceResource.class);
        return config;
    }
}
