package io.bounceguard.it.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Every /bounces route against a real James WebAdmin with authentication off (the shipped default), fed with
 * real bounces over SMTP; and the bad-parameter cases, which must be 400s in James's error format.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsRestIT {
    static final String DEAD = "dead1@remote.test";
    static final String FULL = "full@other.test";
    static final String SCRIPT = "xss@remote.test";
    static final String SCRIPT_REPLY = "550 5.1.1 <xss@remote.test>: User unknown <script>window.pwned=1</script>";

    static final OpsJames JAMES = OpsJames.open();

    @RegisterExtension
    static JamesServerExtension james = JAMES.extension();

    @BeforeAll
    static void feed(GuiceJamesServer server) throws Exception {
        JAMES.started(server);
        JAMES.bounceUserUnknown(DEAD);
        JAMES.bounce(FULL, "452 4.2.2 <" + FULL + ">: Mailbox full, over quota", "4.2.2");
        JAMES.bounce(SCRIPT, SCRIPT_REPLY, "5.1.1");
    }

    private static JsonPath events(Map<String, ?> query) {
        return JAMES.request().queryParams(query).get("/bounces/events")
            .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    private static long idOf(String recipient) {
        return events(Map.of("recipient", recipient, "source", "inbound_dsn")).getLong("events[0].id");
    }

    @Test
    @Order(1)
    void listsEventsNewestFirstWithFilters() {
        List<String> all = events(Map.of()).getList("events.recipient");
        assertThat(all).containsSubsequence(SCRIPT, FULL, DEAD);
        assertThat(events(Map.of("reason", "userunknown")).getList("events.recipient", String.class))
            .contains(DEAD, SCRIPT).doesNotContain(FULL);
        assertThat(events(Map.of("reason", "mailboxfull")).getList("events.recipient", String.class)).containsExactly(FULL);
        assertThat(events(Map.of("domain", "other.test")).getList("events.recipient", String.class)).containsExactly(FULL);
        assertThat(events(Map.of("bounceType", "hard")).getList("events.recipient", String.class)).contains(DEAD).doesNotContain(FULL);
        assertThat(events(Map.of("bounceType", "soft")).getList("events.recipient", String.class)).containsExactly(FULL);
        assertThat(events(Map.of("source", "inbound_dsn")).getList("events")).hasSize(3);
        assertThat(events(Map.of("source", "complaint")).getList("events")).isEmpty();
        assertThat(events(Map.of("verified", "true")).getList("events")).hasSize(3);
        assertThat(events(Map.of("verified", "false")).getList("events")).isEmpty();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(events(Map.of("from", today, "to", today)).getList("events")).hasSize(3);
        assertThat(events(Map.of("to", LocalDate.now(ZoneOffset.UTC).minusDays(2).toString())).getList("events")).isEmpty();
        assertThat(events(Map.of("recipient", "DEAD1@Remote.Test")).getList("events.recipient", String.class)).containsExactly(DEAD);
    }

    @Test
    @Order(2)
    void pagesWithAStableCursor() {
        JsonPath first = events(Map.of("limit", "2"));
        assertThat(first.getList("events")).hasSize(2);
        String next = first.getString("next");
        assertThat(next).isNotNull();
        JsonPath second = events(Map.of("limit", "2", "before", next));
        List<Long> ids = first.getList("events.id", Long.class);
        List<Long> rest = second.getList("events.id", Long.class);
        assertThat(rest).isNotEmpty().allSatisfy(id -> assertThat(id).isLessThan(ids.get(1)));
        assertThat(second.getString("next")).isNull();
        assertThat(events(Map.of("limit", "2")).getList("events.id", Long.class)).isEqualTo(ids);
    }

    @Test
    @Order(3)
    void showsOneEventInFullWithTheReasonInBothLanguages() {
        JsonPath event = JAMES.request().get("/bounces/events/" + idOf(DEAD)).then().statusCode(200).extract().jsonPath();
        assertThat(event.getString("recipient")).isEqualTo(DEAD);
        assertThat(event.getString("diagnostic")).contains("User unknown");
        assertThat(event.getString("remoteMta")).contains("mx.remote.test");
        assertThat(event.getString("reportingMta")).contains("mx.remote.test");
        assertThat(event.getString("status")).isEqualTo("5.1.1");
        assertThat(event.getString("reasonText.ja.label")).isEqualTo("ユーザー不明");
        assertThat(event.getString("reasonText.en.label")).isNotBlank();
        assertThat(event.getString("reasonText.ja.meaning")).isNotBlank();
        assertThat(event.getString("reasonText.ja.action")).isNotBlank();
        assertThat(event.getString("reasonText.en.action")).isNotBlank();
        JAMES.request().get("/bounces/events/999999").then().statusCode(404)
            .body("type", equalTo("notFound")).body("message", containsString("999999"));
    }

    @Test
    @Order(4)
    void showsTheContentOfTheCaughtMessage() {
        JsonPath message = JAMES.request().get("/bounces/events/" + idOf(DEAD) + "/message")
            .then().statusCode(200).extract().jsonPath();
        assertThat(message.getList("headers.name", String.class)).contains("Subject", "From");
        assertThat(message.getString("text")).contains("could not be delivered").contains(DEAD);
        assertThat(message.getString("repository")).contains("bounce-guard");
    }

    @Test
    @Order(5)
    void marksOneEventAsCheckedAndCountsTheUncheckedErrors() {
        int before = JAMES.request().get("/bounces/events/unchecked/count").then().statusCode(200).extract().path("unchecked");
        assertThat(before).isEqualTo(3);
        long id = idOf(FULL);
        JAMES.request().post("/bounces/events/" + id + "/checked").then().statusCode(204);
        JAMES.request().post("/bounces/events/" + id + "/checked").then().statusCode(204);
        JAMES.request().get("/bounces/events/unchecked/count").then().statusCode(200).body("unchecked", equalTo(2));
        JAMES.request().get("/bounces/events/" + id).then().body("checked", equalTo(true)).body("checkedBy", equalTo("webadmin"));
        assertThat(events(Map.of("checked", "true")).getList("events.id", Long.class)).containsExactly(id);
        assertThat(events(Map.of("checked", "false")).getList("events.id", Long.class)).doesNotContain(id).hasSize(2);
        JAMES.request().post("/bounces/events/424242/checked").then().statusCode(404);
    }

    @Test
    @Order(6)
    void marksAFilteredSetAsChecked() {
        JAMES.request().post("/bounces/events/checked").then().statusCode(400).body("type", equalTo("InvalidArgument"));
        JAMES.request().queryParam("recipient", SCRIPT).post("/bounces/events/checked")
            .then().statusCode(200).body("checked", equalTo(1));
        JAMES.request().queryParam("recipient", SCRIPT).post("/bounces/events/checked")
            .then().statusCode(200).body("checked", equalTo(0));
        JAMES.request().get("/bounces/events/unchecked/count").then().body("unchecked", equalTo(1));
    }

    @Test
    @Order(8)
    void explainsTheStatusOfOneAddress() {
        JsonPath status = JAMES.request().get("/bounces/addresses/" + DEAD).then().statusCode(200).extract().jsonPath();
        assertThat(status.getBoolean("suppressed")).isTrue();
        assertThat(status.getString("scopes[0].scope")).isEqualTo("global");
        assertThat(status.getString("scopes[0].state")).isEqualTo("SUPPRESSED");
        assertThat(status.getString("scopes[0].rule")).isEqualTo("hard-bounce");
        assertThat(status.getInt("scopes[0].counts.hard")).isEqualTo(1);
        assertThat(status.getLong("scopes[0].suppression.eventId")).isEqualTo(idOf(DEAD));
        assertThat(status.getList("events.recipient", String.class)).containsExactly(DEAD);
        JsonPath soft = JAMES.request().get("/bounces/addresses/" + FULL).then().statusCode(200).extract().jsonPath();
        assertThat(soft.getBoolean("suppressed")).isFalse();
    }

    @Test
    @Order(9)
    void listsSearchesAddsAndRemovesSuppressions() {
        assertThat(suppressed(Map.of())).contains(DEAD).doesNotContain(FULL);
        assertThat(suppressed(Map.of("q", "dead"))).containsExactly(DEAD);
        assertThat(suppressed(Map.of("q", "nobody"))).isEmpty();

        String until = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
        JAMES.request().contentType("application/json")
            .body("{\"address\":\"Manual@Remote.Test\",\"reason\":\"filtered\",\"until\":\"" + until + "\",\"note\":\"asked by phone\"}")
            .post("/bounces/suppressions")
            .then().statusCode(201).body("address", equalTo("manual@remote.test")).body("origin", equalTo("MANUAL"))
            .body("reason", equalTo("filtered")).body("until", containsString(LocalDate.parse(until).plusDays(1).toString()));
        JAMES.request().contentType("application/json").body("{\"address\":\"scoped@remote.test\",\"scope\":\"james.local\"}")
            .post("/bounces/suppressions").then().statusCode(201).body("scope", equalTo("james.local"));
        assertThat(suppressed(Map.of("scope", "james.local"))).containsExactly("scoped@remote.test");
        assertThat(suppressed(Map.of("scope", "global"))).contains("manual@remote.test", DEAD).doesNotContain("scoped@remote.test");

        JAMES.request().delete("/bounces/suppressions/manual@remote.test").then().statusCode(204);
        assertThat(suppressed(Map.of())).doesNotContain("manual@remote.test");
        JAMES.request().delete("/bounces/suppressions/manual@remote.test").then().statusCode(404).body("type", equalTo("notFound"));
        JAMES.request().queryParam("scope", "james.local").delete("/bounces/suppressions/scoped@remote.test").then().statusCode(204);
    }

    private static List<String> suppressed(Map<String, ?> query) {
        return JAMES.request().queryParams(query).get("/bounces/suppressions")
            .then().statusCode(200).extract().jsonPath().getList("suppressions.address", String.class);
    }

    @Test
    @Order(10)
    void importsACsvAsAWebAdminTaskWithProgress() {
        String csv = "\uFEFFメールアドレス,スコープ,理由コード\r\nimp1@remote.test,global,userunknown\r\n"
            + "'=imp2@remote.test,,\r\nnot-an-address,,\r\n";
        String taskId = JAMES.request().contentType("text/csv; charset=utf-8").body(csv.getBytes(StandardCharsets.UTF_8))
            .post("/bounces/suppressions/import")
            .then().statusCode(201).header("Location", containsString("/tasks/")).extract().path("taskId");
        JsonPath task = JAMES.request().get("/tasks/" + taskId + "/await?timeout=30s").then().statusCode(200).extract().jsonPath();
        assertThat(task.getString("type")).isEqualTo("bounce-guard-suppression-import");
        assertThat(task.getString("status")).isEqualTo("failed");
        assertThat(task.getLong("additionalInformation.lines")).isEqualTo(3);
        assertThat(task.getLong("additionalInformation.imported")).isEqualTo(2);
        assertThat(task.getLong("additionalInformation.rejected")).isEqualTo(1);
        assertThat(task.getString("additionalInformation.errors[0]")).contains("line 4").contains("not-an-address");
        assertThat(suppressed(Map.of("q", "imp"))).containsExactly("imp1@remote.test");
        assertThat(suppressed(Map.of("q", "=imp"))).containsExactly("=imp2@remote.test");

        String clean = JAMES.request().contentType("text/csv").body("imp3@remote.test\nimp4@remote.test\n")
            .queryParam("reason", "hasmoved").post("/bounces/suppressions/import")
            .then().statusCode(201).extract().path("taskId");
        JAMES.request().get("/tasks/" + clean + "/await?timeout=30s").then().statusCode(200)
            .body("status", equalTo("completed")).body("additionalInformation.imported", equalTo(2));
        JAMES.request().contentType("text/csv").body("").post("/bounces/suppressions/import").then().statusCode(400);
    }

    @Test
    @Order(11)
    void exportsEventsAsExcelSafeCsvInBothEncodings() {
        byte[] utf8 = JAMES.request().queryParams(Map.of("reason", "userunknown", "errors", "true")).get("/bounces/events/export.csv")
            .then().statusCode(200).contentType(containsString("text/csv")).extract().asByteArray();
        assertThat(utf8).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(utf8, StandardCharsets.UTF_8);
        assertThat(text).contains("宛先").contains("ユーザー不明").contains(DEAD).contains(SCRIPT).doesNotContain(FULL);
        assertThat(text.split("\r\n")).hasSize(3);
        String english = new String(JAMES.request().queryParams(Map.of("lang", "en", "charset", "windows-31j"))
            .get("/bounces/events/export.csv").then().statusCode(200).contentType(containsString("windows-31j"))
            .extract().asByteArray(), Charset.forName("windows-31j"));
        assertThat(english).startsWith("ID,Time (UTC),Recipient").contains(FULL);
        String sjis = new String(JAMES.request().queryParams(Map.of("charset", "windows-31j")).get("/bounces/events/export.csv")
            .then().statusCode(200).extract().asByteArray(), Charset.forName("windows-31j"));
        assertThat(sjis).contains("メールボックス容量超過");
    }

    @Test
    @Order(12)
    void suppressionExportReimportsUnchanged() {
        byte[] exported = JAMES.request().get("/bounces/suppressions/export.csv").then().statusCode(200).extract().asByteArray();
        String text = new String(exported, StandardCharsets.UTF_8);
        assertThat(text).contains("'=imp2@remote.test").contains("メールアドレス");
        List<String> before = suppressed(Map.of("limit", "1000"));
        for (String address : before) {
            JAMES.request().delete("/bounces/suppressions/" + address).then().statusCode(204);
        }
        assertThat(suppressed(Map.of())).isEmpty();
        String taskId = JAMES.request().contentType("text/csv").body(exported).post("/bounces/suppressions/import")
            .then().statusCode(201).extract().path("taskId");
        JAMES.request().get("/tasks/" + taskId + "/await?timeout=30s").then().body("status", equalTo("completed"));
        assertThat(suppressed(Map.of("limit", "1000"))).isEqualTo(before);
        Response reexport = JAMES.request().get("/bounces/suppressions/export.csv");
        assertThat(columns(reexport.asByteArray(), 0, 1, 3, 7)).isEqualTo(columns(exported, 0, 1, 3, 7));
    }

    private static List<String> columns(byte[] csv, int... indexes) {
        return new String(csv, StandardCharsets.UTF_8).lines().map(line -> {
            String[] cells = line.split(",", -1);
            StringBuilder key = new StringBuilder();
            for (int i : indexes) {
                key.append(cells[i]).append('|');
            }
            return key.toString();
        }).sorted().collect(java.util.stream.Collectors.toList());
    }

    @Test
    @Order(7)
    void servesStatisticsFromCounters() {
        JsonPath stats = JAMES.request().get("/bounces/statistics").then().statusCode(200).extract().jsonPath();
        Map<String, Object> userUnknown = stats.getMap("byReason.find { it.reason == 'userunknown' }");
        assertThat(userUnknown.get("count")).isEqualTo(2);
        assertThat(stats.getString("byReason.find { it.reason == 'userunknown' }.label.ja")).isEqualTo("ユーザー不明");
        assertThat(stats.getInt("byBounceType.hard")).isEqualTo(2);
        assertThat(stats.getInt("byBounceType.soft")).isEqualTo(1);
        assertThat(stats.getInt("byDomain.find { it.domain == 'remote.test' }.events")).isGreaterThanOrEqualTo(2);
        assertThat(stats.getList("byDay")).hasSize(1);
        assertThat(stats.getString("byDay[0].day")).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(stats.getInt("byDay[0].reasons.mailboxfull")).isEqualTo(1);
    }

    @Test
    @Order(13)
    void servesTheReasonCatalogueInBothLanguages() {
        JsonPath reasons = JAMES.request().get("/bounces/reasons").then().statusCode(200).extract().jsonPath();
        assertThat(reasons.getList("reasons")).hasSize(io.bounceguard.classify.Reason.values().length);
        for (String language : List.of("ja", "en")) {
            for (String field : List.of("label", "meaning", "action")) {
                assertThat(reasons.getList("reasons." + language + "." + field, String.class)).allSatisfy(v -> assertThat(v).isNotBlank());
            }
        }
        assertThat(reasons.getString("reasons.find { it.reason == 'hostunknown' }.ja.label")).isEqualTo("ホスト不明");
    }

    @Test
    @Order(14)
    void exposesPrometheusText() {
        String text = JAMES.request().get("/bounces/metrics").then().statusCode(200)
            .contentType(containsString("text/plain")).extract().asString();
        assertThat(text).contains("# TYPE bounceguard_classification_seconds histogram")
            .contains("bounceguard_classification_seconds_bucket{le=\"+Inf\"}")
            .contains("bounceguard_database_down 0")
            .containsPattern("bounceguard_snapshot_size [1-9]")
            .contains("# TYPE bounceguard_suppressed_at_relay_total counter")
            .containsPattern("bounceguard_classified_by_reason_total\\{reason=\"userunknown\"} [1-9]")
            .containsPattern("bounceguard_classified_by_source_total\\{source=\"inbound_dsn\"} [1-9]")
            .containsPattern("bounceguard_store_write_seconds_count [1-9]");
    }

    @Test
    @Order(15)
    void servesThePageFromTheJar() {
        JAMES.request().get("/bounces-ui/").then().statusCode(200).contentType(containsString("text/html"))
            .body(containsString("app.js"));
        JAMES.request().get("/bounces-ui/app.js").then().statusCode(200).contentType(containsString("javascript"))
            .body(not(containsString("innerHTML")));
        JAMES.request().get("/bounces-ui/secret.txt").then().statusCode(404);
    }

    @ParameterizedTest(name = "{0} {1}")
    @Order(16)
    @CsvSource(delimiter = '|', value = {
        "/bounces/events|limit=0|limit",
        "/bounces/events|limit=100000|limit",
        "/bounces/events|limit=abc|limit",
        "/bounces/events|reason=bogus|bogus",
        "/bounces/events|bounceType=squishy|squishy",
        "/bounces/events|source=pigeon|pigeon",
        "/bounces/events|verified=maybe|verified",
        "/bounces/events|from=2026-13-45|from",
        "/bounces/events|to=yesterday|to",
        "/bounces/events|from=2026-02-01&to=2026-01-01|before it starts",
        "/bounces/events|domain=not a domain|domain",
        "/bounces/events|before=abc|before",
        "/bounces/events|before=12-x|before",
        "/bounces/events|checked=perhaps|checked",
        "/bounces/events/export.csv|charset=latin1|charset",
        "/bounces/events/export.csv|lang=fr|lang",
        "/bounces/events/abc|x=1|id",
        "/bounces/events/unchecked/count|reason=nope|nope",
        "/bounces/suppressions|scope=@@|scope",
        "/bounces/suppressions|limit=5000|limit",
        "/bounces/suppressions|active=sometimes|active",
        "/bounces/addresses/not-an-address|x=1|malformed address",
        "/bounces/statistics|from=2026-99-01|from",
        "/bounces/statistics|from=2024-01-01&to=2026-01-01|366",
        "/bounces/statistics|from=2026-02-01&to=2026-01-01|before it starts",
        "/bounces/statistics|top=0|limit",
    })
    void badParametersAreClear400s(String path, String query, String mentioned) {
        Response response = JAMES.request().urlEncodingEnabled(false).get(path + "?" + query.replace(" ", "%20"));
        response.then().statusCode(400).contentType("application/json")
            .body("statusCode", equalTo(400)).body("type", equalTo("InvalidArgument"))
            .body("message", containsString(mentioned));
        assertThat(response.asString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "{0}")
    @Order(17)
    @CsvSource(delimiter = '|', value = {
        "{\"address\":\"no-at-sign\"}|malformed address",
        "{\"address\":\"a@remote.test\",\"reason\":\"bogus\"}|bogus",
        "{\"address\":\"a@remote.test\",\"until\":\"2001-01-01\"}|future",
        "{\"address\":\"a@remote.test\",\"until\":\"soon\"}|until",
        "{\"address\":\"a@remote.test\",\"scope\":\"x y\"}|scope",
        "[1,2]|JSON object",
        "{nope|not valid JSON",
    })
    void badSuppressionBodiesAreClear400s(String body, String mentioned) {
        JAMES.request().contentType("application/json").body(body).post("/bounces/suppressions")
            .then().statusCode(400).body("type", equalTo("InvalidArgument")).body("message", containsString(mentioned));
    }

    @Test
    @Order(18)
    void theScriptInADiagnosticIsStoredAsText() {
        JAMES.request().get("/bounces/events/" + idOf(SCRIPT)).then().statusCode(200)
            .body("diagnostic", containsString("<script>window.pwned=1</script>"));
    }
}
