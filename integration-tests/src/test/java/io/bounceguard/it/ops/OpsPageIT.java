package io.bounceguard.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The ops page in a real headless Chromium (Debian's chromium and chromium-driver) against a real James with
 * JWT on: the token prompt, the unchecked count, filtering, "show content", "mark as checked", removing a
 * suppression, the English switch, and a diagnostic carrying a script that must render as text.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsPageIT {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String DEAD = "page-dead@remote.test";
    static final String FULL = "page-full@other.test";
    static final String SCRIPT = "page-xss@remote.test";
    static final String SCRIPT_REPLY = "550 5.1.1 <" + SCRIPT + ">: User unknown <script>window.pwned=1</script>"
        + "<img src=x onerror=\"window.pwned=2\">";

    static final OpsJames JAMES = OpsJames.withJwt();

    @RegisterExtension
    static JamesServerExtension james = JAMES.extension();

    private static WebDriver driver;
    private static WebDriverWait wait;
    private static Path profile;

    @BeforeAll
    static void start(GuiceJamesServer server) throws Exception {
        assertThat(new File(CHROMIUM)).as("install with: apt-get install -y chromium chromium-driver").exists();
        assertThat(new File(CHROMEDRIVER)).as("install with: apt-get install -y chromium chromium-driver").exists();
        JAMES.started(server);
        JAMES.bounceUserUnknown(DEAD);
        JAMES.bounce(FULL, "452 4.2.2 <" + FULL + ">: Mailbox full, over quota", "4.2.2");
        JAMES.bounce(SCRIPT, SCRIPT_REPLY, "5.1.1");

        profile = Files.createTempDirectory("bounce-guard-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            "--window-size=1400,1500", "--lang=ja", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static List<String> listedRecipients() {
        return driver.findElements(By.cssSelector("#events-body td.recipient")).stream()
            .map(WebElement::getText).collect(Collectors.toList());
    }

    private static void waitForRows(int count) {
        wait.until(d -> d.findElements(By.cssSelector("#events-body tr")).size() == count);
    }

    private static WebElement row(String recipient) {
        return driver.findElements(By.cssSelector("#events-body tr")).stream()
            .filter(r -> r.findElement(By.cssSelector("td.recipient")).getText().equals(recipient))
            .findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void asksForATokenThenListsTheUncheckedErrors() {
        driver.get(JAMES.baseUrl() + "/bounces-ui/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("バウンス管理");
        driver.findElement(By.id("token-input")).sendKeys(JAMES.keys().adminToken());
        driver.findElement(By.cssSelector("#token-form button")).click();
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        waitForRows(3);
        assertThat(listedRecipients()).containsExactly(SCRIPT, FULL, DEAD);
        assertThat(driver.findElement(By.id("unchecked-count")).getText()).isEqualTo("3");
        assertThat(driver.findElement(By.id("token-panel")).isDisplayed()).isFalse();
        assertThat(row(DEAD).getText()).contains("ユーザー不明");
    }

    @Test
    @Order(2)
    void filtersByReason() {
        new Select(driver.findElement(By.id("f-reason"))).selectByValue("mailboxfull");
        driver.findElement(By.id("f-search")).click();
        waitForRows(1);
        assertThat(listedRecipients()).containsExactly(FULL);
        assertThat(row(FULL).getText()).contains("メールボックス容量超過");
        new Select(driver.findElement(By.id("f-reason"))).selectByValue("");
        driver.findElement(By.id("f-search")).click();
        waitForRows(3);
    }

    @Test
    @Order(3)
    void showsTheContentOfAnErrorWithAScriptInItsDiagnosticAsText() {
        row(SCRIPT).findElement(By.cssSelector("button.show")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("df-diagnostic")));
        wait.until(d -> !d.findElement(By.id("d-text")).getText().isEmpty());
        assertThat(driver.findElement(By.id("df-diagnostic")).getText()).contains("<script>window.pwned=1</script>")
            .contains("<img src=x onerror=");
        assertThat(row(SCRIPT).findElement(By.cssSelector("td.diagnostic")).getAttribute("textContent"))
            .contains("<script>window.pwned=1</script>");
        assertThat(driver.findElement(By.id("df-action")).getText()).isEqualTo("failed");
        assertThat(driver.findElement(By.id("d-action")).getText()).startsWith("アドレスの@より前");
        assertThat(driver.findElement(By.id("d-meaning")).getText()).isNotBlank();
        assertThat(driver.findElement(By.id("d-action")).getText()).isNotBlank();
        assertThat(driver.findElement(By.id("d-text")).getText()).contains("could not be delivered");
        assertThat(driver.findElements(By.cssSelector("main script, main img"))).isEmpty();
        assertThat(((JavascriptExecutor) driver).executeScript("return window.pwned === undefined")).isEqualTo(true);
        assertThat(driver.findElement(By.id("d-status")).getText()).contains("配信停止中");
    }

    @Test
    @Order(4)
    void marksAnErrorAsChecked() throws Exception {
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        Files.write(Path.of("target", "ops-page.png"), ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
        row(FULL).findElement(By.cssSelector("button.mark")).click();
        wait.until(ExpectedConditions.textToBe(By.id("unchecked-count"), "2"));
        waitForRows(2);
        assertThat(listedRecipients()).containsExactly(SCRIPT, DEAD);
        JAMES.request().queryParam("recipient", FULL).get("/bounces/events").then()
            .body("events[0].checked", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    @Order(5)
    void removesASuppression() {
        driver.findElement(By.cssSelector("button.tab[data-tab='suppressions']")).click();
        wait.until(d -> d.findElements(By.cssSelector("#suppressions-body tr[data-address='" + DEAD + "']")).size() == 1);
        driver.findElement(By.cssSelector("#suppressions-body tr[data-address='" + DEAD + "'] button.remove")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(d -> d.findElements(By.cssSelector("#suppressions-body tr[data-address='" + DEAD + "']")).isEmpty());
        assertThat(driver.findElement(By.id("message")).getText()).contains(DEAD);
        JAMES.request().get("/bounces/addresses/" + DEAD).then().body("suppressed", org.hamcrest.Matchers.equalTo(false));
    }

    @Test
    @Order(6)
    void switchesToEnglishAndDrawsTheChart() {
        driver.findElement(By.id("lang-switch")).click();
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Bounce Guard");
        driver.findElement(By.cssSelector("button.tab[data-tab='stats']")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#chart svg rect")).isEmpty());
        assertThat(driver.findElement(By.id("chart-legend")).getText()).contains("Unknown recipient".substring(1));
        driver.findElement(By.cssSelector("button.tab[data-tab='errors']")).click();
        wait.until(d -> row(DEAD).getText().contains("nknown"));
    }
}
