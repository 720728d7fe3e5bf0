package io.bounceguard.it.ops;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerBuilder;
import org.apache.james.JamesServerExtension;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.WebAdminGuiceProbe;

import io.bounceguard.it.Messages;
import io.bounceguard.it.ShippedConf;
import io.bounceguard.it.SmtpClient;
import io.restassured.specification.RequestSpecification;

/**
 * A real James 3.8.1 running the shipped conf/ with our routes, the import task's progress module and,
 * optionally, WebAdmin's JWT filter; and the bounces the ops tests feed it over SMTP.
 */
final class OpsJames {
    static final String SENDER = "news@james.local";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final JwtKeys keys;
    private int smtpPort;
    private int webAdminPort;

    private OpsJames(JwtKeys keys) {
        this.keys = keys;
    }

    /** James without authentication on WebAdmin (the shipped default). */
    static OpsJames open() {
        return new OpsJames(null);
    }

    /** James with {@code jwt.enabled=true} and a key pair made for this run. */
    static OpsJames withJwt() {
        return new OpsJames(new JwtKeys());
    }

    JamesServerExtension extension() {
        return new JamesServerBuilder<MemoryJamesConfiguration>(tmpDir -> {
            configure(tmpDir);
            return MemoryJamesConfiguration.builder().workingDirectory(tmpDir).build();
        })
            .server(MemoryJamesServerMain::createServer)
            .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
            .build();
    }

    private void configure(File tmpDir) {
        ShippedConf conf = ShippedConf.copyInto(tmpDir.toPath())
            .replace("extensions.properties", "guice.extension.module=io.bounceguard.guice.BounceGuardModule",
                "guice.extension.module=io.bounceguard.guice.BounceGuardModule\n"
                    + "guice.extension.task=io.bounceguard.webadmin.ImportTaskExtension");
        if (keys != null) {
            Path key = keys.writePublicKey(tmpDir.toPath().resolve("keys"));
            conf.replace("webadmin.properties", "host=127.0.0.1",
                "host=127.0.0.1\njwt.enabled=true\njwt.publickeypem.url=file://" + key.toAbsolutePath());
        }
    }

    void started(GuiceJamesServer server) throws Exception {
        smtpPort = server.getProbe(SmtpGuiceProbe.class).getSmtpPort().getValue();
        webAdminPort = server.getProbe(WebAdminGuiceProbe.class).getWebAdminPort().getValue();
        server.getProbe(DataProbeImpl.class).addUser(SENDER, "secret");
    }

    int webAdminPort() {
        return webAdminPort;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + webAdminPort;
    }

    JwtKeys keys() {
        return keys;
    }

    /** A request to WebAdmin, carrying the admin token when JWT is on. */
    RequestSpecification request() {
        RequestSpecification spec = given().port(webAdminPort).urlEncodingEnabled(true);
        return keys == null ? spec : spec.header("Authorization", "Bearer " + keys.adminToken());
    }

    /** Sends Postfix's "user unknown" DSN (550 5.1.1) for {@code recipient} and waits until its event is listed. */
    void bounceUserUnknown(String recipient) throws Exception {
        bounce(recipient, "550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown", "5.1.1");
    }

    /** Sends a DSN for {@code recipient} to our sender and waits until its event is listed. */
    void bounce(String recipient, String reply, String status) throws Exception {
        int before = eventsOf(recipient);
        SmtpClient.send(smtpPort, "", List.of(SENDER),
            Messages.postfixDsn(SENDER, recipient, reply, status, "<news." + recipient.replace('@', '.') + "@james.local>"));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> eventsOf(recipient) > before);
    }

    private int eventsOf(String recipient) {
        return request().queryParam("recipient", recipient).get("/bounces/events")
            .then().statusCode(200).extract().jsonPath().getList("events").size();
    }
}
