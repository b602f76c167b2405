package dev.modelservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningService.class)
class AuthenticationTest {

    @Test
    void missingTokenIsUnauthorized(AdminClient admin) {
        AdminClient.Reply reply = admin.withToken(null).get("/v1/status");

        assertEquals(401, reply.status());
        assertEquals("unauthorized", reply.json().get("code").asText());
        assertNotNull(reply.header("WWW-Authenticate"));
    }

    @Test
    void wrongTokenIsUnauthorized(AdminClient admin) {
        AdminClient.Reply reply = admin.withToken("not-a-token-of-this-service").get("/v1/status");

        assertEquals(401, reply.status());
        assertEquals("unauthorized", reply.json().get("code").asText());
    }

    @Test
    void revokedTokenIsUnauthorized(AdminClient admin) {
        String secret = admin.post("/v1/tokens", Map.of("name", "revoked-soon")).json().get("token").asText();
        AdminClient revoked = admin.withToken(secret);
        assertEquals(200, revoked.get("/v1/status").status());

        assertEquals(204, admin.delete("/v1/tokens/revoked-soon").status());

        assertEquals(401, revoked.get("/v1/status").status());
    }

    @Test
    void unknownPathNeedsTokenToo(AdminClient admin) {
        assertEquals(401, admin.withToken(null).get("/v1/no-such-thing").status());
    }

    @Test
    void unknownPathWithTokenIsNotFound(AdminClient admin) {
        AdminClient.Reply reply = admin.get("/v1/no-such-thing");

        assertEquals(404, reply.status());
        assertEquals("not-found", reply.json().get("code").asText());
    }
}
