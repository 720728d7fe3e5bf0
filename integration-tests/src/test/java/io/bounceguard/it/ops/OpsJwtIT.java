package io.bounceguard.it.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.restassured.specification.RequestSpecification;

/**
 * The /bounces routes behind WebAdmin's JWT filter ({@code jwt.enabled=true}, a key pair made for the run): no
 * token, a bad token or a non-admin token is refused with 401; an admin token reaches every route; the page's
 * static files stay public so a browser can load it.
 */
class OpsJwtIT {
    static final String DEAD = "jwt-dead@remote.test";
    static final OpsJames JAMES = OpsJames.withJwt();

    @RegisterExtension
    static JamesServerExtension james = JAMES.extension();

    @BeforeAll
    static void feed(GuiceJamesServer server) throws Exception {
        JAMES.started(server);
        JAMES.bounceUserUnknown(DEAD);
    }

    private static RequestSpecification anonymous() {
        return given().port(JAMES.webAdminPort());
    }

    private static long deadId() {
        return JAMES.request().queryParam("recipient", DEAD).get("/bounces/events").then().statusCode(200)
            .extract().jsonPath().getLong("events[0].id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bounces/events", "/bounces/events/unchecked/count", "/bounces/events/export.csv",
        "/bounces/events/1", "/bounces/events/1/message", "/bounces/addresses/jwt-dead@remote.test", "/bounces/suppressions",
        "/bounces/suppressions/export.csv", "/bounces/statistics", "/bounces/reasons", "/bounces/metrics", "/bounces/health"})
    void everyReadRouteRefusesRequestsWithoutAValidAdminToken(String path) {
        anonymous().get(path).then().statusCode(401);
        anonymous().header("Authorization", "Bearer not.a.token").get(path).then().statusCode(401);
        anonymous().header("Authorization", "Bearer " + JAMES.keys().userToken()).get(path).then().statusCode(401);
        JAMES.request().get(path).then().statusCode(not(equalTo(401))).statusCode(not(equalTo(500)));
    }

    @Test
    void everyWriteRouteRefusesRequestsWithoutAToken() {
        anonymous().post("/bounces/events/1/checked").then().statusCode(401);
        anonymous().queryParam("all", "true").post("/bounces/events/checked").then().statusCode(401);
        anonymous().contentType("application/json").body("{\"address\":\"x@remote.test\"}").post("/bounces/suppressions")
            .then().statusCode(401);
        anonymous().delete("/bounces/suppressions/" + DEAD).then().statusCode(401);
        anonymous().contentType("text/csv").body("x@remote.test\n").post("/bounces/suppressions/import").then().statusCode(401);
        JAMES.request().get("/bounces/suppressions").then().body("suppressions.address", org.hamcrest.Matchers.hasItem(DEAD));
    }

    @Test
    void anAdminTokenReachesTheRoutesAndTheirResults() {
        long id = deadId();
        JAMES.request().get("/bounces/events/" + id).then().statusCode(200).body("recipient", equalTo(DEAD));
        JAMES.request().get("/bounces/events/" + id + "/message").then().statusCode(200);
        JAMES.request().get("/bounces/events/unchecked/count").then().statusCode(200).body("unchecked", equalTo(1));
        JAMES.request().post("/bounces/events/" + id + "/checked").then().statusCode(204);
        JAMES.request().get("/bounces/events/" + id).then().body("checked", equalTo(true))
            .body("checkedBy", equalTo("ops@james.local"));
        JAMES.request().queryParam("all", "true").post("/bounces/events/checked").then().statusCode(200).body("checked", equalTo(0));
        JAMES.request().get("/bounces/addresses/" + DEAD).then().statusCode(200).body("suppressed", equalTo(true));
        JAMES.request().contentType("application/json").body("{\"address\":\"jwt-manual@remote.test\"}").post("/bounces/suppressions")
            .then().statusCode(201);
        JAMES.request().delete("/bounces/suppressions/jwt-manual@remote.test").then().statusCode(204);
        String taskId = JAMES.request().contentType("text/csv").body("jwt-import@remote.test\n").post("/bounces/suppressions/import")
            .then().statusCode(201).extract().path("taskId");
        JAMES.request().get("/tasks/" + taskId + "/await?timeout=30s").then().statusCode(200).body("status", equalTo("completed"));
        JAMES.request().get("/bounces/suppressions/export.csv").then().statusCode(200).body(containsString("jwt-import@remote.test"));
        JAMES.request().get("/bounces/statistics").then().statusCode(200).body("byBounceType.hard", equalTo(1));
        JAMES.request().get("/bounces/metrics").then().statusCode(200).body(containsString("bounceguard_database_down 0"));
        JAMES.request().queryParam("limit", "0").get("/bounces/events").then().statusCode(400).body("type", equalTo("InvalidArgument"));
    }

    @Test
    void thePageIsPublicSoABrowserCanLoadIt() {
        for (String file : List.of("/bounces-ui/", "/bounces-ui/app.js", "/bounces-ui/app.css")) {
            anonymous().get(file).then().statusCode(200);
        }
        anonymous().redirects().follow(false).get("/bounces-ui").then().statusCode(302);
        anonymous().get("/bounces-ui/").then().header("Content-Security-Policy", containsString("script-src 'self'"));
    }
}
