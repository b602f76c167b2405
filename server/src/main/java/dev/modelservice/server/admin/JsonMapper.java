package dev.modelservice.server.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ext.ContextResolver;

/** The Jackson mapper of the admin API: strict about request bodies, so that a misspelt field is a 400. */
final class JsonMapper implements ContextResolver<ObjectMapper> {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return MAPPER;
    }
}
