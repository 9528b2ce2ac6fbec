package org.cartrial.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;

import org.cartrial.localstack.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web application in a real browser (headless Chromium) on the whole platform as processes: people sign in at
 * the authorization server through the gateway, the pages call the services as them. A site coordinator screens
 * (an ineligible screening shows each failed criterion beside its field and keeps the values), enrols and sees only
 * their own site's subjects; a safety officer sees an adverse event appear live; an analyst reads a curve. Missing
 * sign-in, a request without the CSRF token and a fixed session are refused. Screenshots go to
 * {@code target/screenshots}. Skipped where {@code /usr/bin/chromedriver} is absent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebApplicationIT {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target/screenshots");

    static PlatformUnderTest platform;
    static String gateway;
    WebDriver browser;

    @BeforeAll
    static void startPlatform() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER), "no chromedriver at " + CHROMEDRIVER);
        platform = PlatformUnderTest.start("web", Map.of());
        gateway = platform.system().gatewayUrl();
        Files.createDirectories(SHOTS);
        for (String site : new String[] {"S01", "S02"}) {
            Reply registered = platform.gateway().postJson("/api/enrollment/sites", platform.token(Role.ADMIN, null),
                    "{\"siteId\":\"" + site + "\",\"name\":\"Hospital " + site + "\",\"country\":\"DE\"}");
            assertThat(registered.status()).as(registered.body()).isIn(201, 409);
        }
        // another site's subject, which S01's coordinator must never see
        Reply other = platform.gateway().postJson("/api/enrollment/screenings", platform.token(Role.SITE_COORDINATOR, "S02"),
                Screening.eligible("S02-0001", "S02").json());
        assertThat(other.status()).as(other.body()).isEqualTo(201);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    /** The page each test ended on, as a screenshot and its HTML: what a failure saw. */
    @AfterEach
    void closeBrowser(org.junit.jupiter.api.TestInfo test) throws IOException {
        if (browser != null) {
            String name = "last-" + test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test");
            try {
                shot(browser, name);
                Files.writeString(SHOTS.resolve(name + ".html"), browser.getPageSource());
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    @Order(1)
    void aSiteCoordinatorSignsInScreensEnrolsAndSeesOnlyTheirSite() throws Exception {
        browser = chromium();
        browser.get(gateway + "/app/");
        // not signed in: sent to the authorization server's sign-in form
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
        String sessionBefore = cookie(browser, gateway, "TRIAL_SESSION");
        signIn(browser, "coordinator.s01");
        wait(browser).until(ExpectedConditions.textToBe(By.id("who"), "coordinator.s01"));
        assertThat(browser.findElement(By.id("site")).getText()).isEqualTo("S01");
        // session fixation: the session the browser had before signing in is not the one it has after
        assertThat(cookie(browser, gateway, "TRIAL_SESSION")).isNotNull().isNotEqualTo(sessionBefore);
        // no token in the browser: only the session cookie, which scripts cannot read
        Object storage = ((JavascriptExecutor) browser).executeScript(
                "return JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie");
        assertThat(String.valueOf(storage)).doesNotContain("eyJ").doesNotContain("TRIAL_SESSION");
        shot(browser, "01-coordinator-home");

        // an ineligible, incomplete screening: every failed criterion beside its field, the values kept
        browser.get(gateway + "/app/screening");
        type("subjectId", "S01-0001");
        type("weightKg", "26.4");
        type("score", "80");
        type("cd19ExpressionPercent", "98.2");
        type("cd22ExpressionPercent", "97");
        setDate("guardianConsentOn", LocalDate.now().minusDays(2).toString());
        browser.findElement(By.id("screen")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("ageYears-error")));
        assertThat(browser.findElement(By.id("ageYears")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("weightKg")).getAttribute("value")).isEqualTo("26.4");
        assertThat(browser.findElement(By.id("screening-outcome")).getText()).contains("Nothing was recorded");
        shot(browser, "02-screening-refused");

        // completed with a CD19 expression below the threshold: recorded as not eligible, named beside CD19
        type("ageYears", "8.5");
        browser.findElement(By.cssSelector("#sex option[value=female]")).click();
        for (String check : new String[] {"whoBAllByMorphology", "flowImmunophenotypeDone", "karyotypeDone", "fusionGeneScreenDone"}) {
            WebElement box = browser.findElement(By.id(check));
            if (!box.isSelected()) {
                box.click();
            }
        }
        type("subjectId", "S01-0002");
        type("cd19ExpressionPercent", "10");
        browser.findElement(By.id("screen")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("cd19ExpressionPercent-error")));
        assertThat(browser.findElement(By.id("screening-outcome")).getText()).contains("not eligible");
        shot(browser, "03-screening-not-eligible");

        // eligible
        type("subjectId", "S01-0001");
        type("cd19ExpressionPercent", "98.2");
        browser.findElement(By.id("screen")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("screening-outcome"), "is eligible"));
        shot(browser, "04-screening-eligible");

        // the site's subjects, with their status; S02's subject is not among them
        browser.get(gateway + "/app/subjects");
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("subject-S01-0001")));
        assertThat(browser.findElements(By.id("subject-S02-0001"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("S02-0001");
        browser.findElement(By.id("enrol-S01-0001")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#subject-S01-0001 .outcome"), "Enrolled"));
        shot(browser, "05-enrolled");

        // another site's subject is not found for this person, page or change
        browser.get(gateway + "/app/subjects/S02-0001");
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Status:");
        browser.get(gateway + "/app/subjects/S01-0001");
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("status")));
        shot(browser, "06-subject");
    }

    @Test
    @Order(2)
    void aSafetyOfficerSeesAnAdverseEventAppearLive() throws Exception {
        browser = chromium();
        browser.get(gateway + "/app/safety");
        signIn(browser, "safety.officer");
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("stream-state"), "Live"));
        Reply enrolled = platform.gateway().postJson("/api/enrollment/screenings", platform.token(Role.SITE_COORDINATOR, "S01"),
                Screening.eligible("S01-0009", "S01").json());
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        String site = platform.token(Role.SITE_COORDINATOR, "S01");
        platform.gateway().postJson("/api/enrollment/subjects/S01-0009/enrolment", site,
                "{\"enrolledOn\":\"" + LocalDate.now() + "\"}");
        Reply ae = platform.gateway().postJson("/api/safety/adverse-events", site, "{\"subjectId\":\"S01-0009\",\"siteId\":\"S01\","
                + "\"ctcaeTerm\":\"Febrile neutropenia\",\"grade\":3,\"onsetDate\":\"" + LocalDate.now() + "\",\"serious\":false,"
                + "\"relationshipToCarT\":\"possible\",\"expected\":true}");
        assertThat(ae.status()).as(ae.body()).isIn(201, 422);
        if (ae.status() == 201) {
            new WebDriverWait(browser, Duration.ofSeconds(60)).until(
                    ExpectedConditions.textToBePresentInElementLocated(By.id("ae-stream"), "Febrile neutropenia"));
        }
        shot(browser, "07-safety-live");
        assertThat(ae.status()).as(ae.body()).isEqualTo(201);
    }

    @Test
    @Order(3)
    void anAnalystReadsACurve() throws Exception {
        browser = chromium();
        browser.get(gateway + "/app/analyst");
        signIn(browser, "analyst");
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("curve-os")));
        wait(browser).until(b -> ((Number) ((JavascriptExecutor) b).executeScript(
                "var i = document.getElementById('curve-os'); return i.complete ? i.naturalWidth : 0;")).intValue() > 0);
        assertThat(browser.findElement(By.id("consort")).getText()).contains("Screened");
        shot(browser, "08-analyst-curves");
    }

    @Test
    @Order(4)
    void missingSignInAndMissingCsrfTokenAreRefused() throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(gateway + "/app/subjects")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElse("")).contains("/oauth2/authorization/trial");

        // a signed-in browser's session, used by a request that lacks the CSRF token: refused, nothing reaches the app
        browser = chromium();
        browser.get(gateway + "/app/");
        signIn(browser, "coordinator.s01");
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
        String session = cookie(browser, gateway, "TRIAL_SESSION");
        HttpResponse<String> noCsrf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway + "/app/screening"))
                .header("Cookie", "TRIAL_SESSION=" + session).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("subjectId=S01-0100")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        HttpResponse<String> wrongCsrf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway + "/app/screening"))
                .header("Cookie", "TRIAL_SESSION=" + session).header("X-XSRF-TOKEN", "forged")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("subjectId=S01-0100")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongCsrf.statusCode()).isEqualTo(403);
        // the same session's page still works
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway + "/app/subjects"))
                .header("Cookie", "TRIAL_SESSION=" + session).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("S01-0001").doesNotContain("S02-0001");
        // the web application itself refuses a request that did not come with a person's token
        HttpResponse<String> direct = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(platform.system().url(org.cartrial.localstack.Component.WEB_APP) + "/app/subjects")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(direct.statusCode()).isEqualTo(401);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A date input takes its value in the browser's locale when typed: set it as the date itself. */
    private void setDate(String id, String isoDate) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, isoDate);
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static WebDriver chromium() throws IOException {
        ChromeOptions options = new ChromeOptions();
        if (Files.exists(Path.of("/usr/bin/chromium"))) {
            options.setBinary("/usr/bin/chromium");
        }
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1024,1366",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(90));
        return driver;
    }

    private static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    private static void signIn(WebDriver browser, String user) throws IOException {
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(password(user));
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait(browser).until(ExpectedConditions.urlContains("/app"));
    }

    private static String password(String user) throws IOException {
        Properties users = new Properties();
        try (var in = Files.newBufferedReader(platform.system().usersFile())) {
            users.load(in);
        }
        return users.getProperty(user).split(";", 3)[2];
    }

    private static String cookie(WebDriver browser, String origin, String name) {
        Cookie cookie = browser.manage().getCookieNamed(name);
        return cookie == null ? null : cookie.getValue();
    }

    private static void shot(WebDriver browser, String name) throws IOException {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
