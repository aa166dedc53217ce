package dev.netpollab.workshop;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser (Debian's chromium, headless, driven by chromedriver through Selenium):
 * seats appear live as learners check, the timer and the controls work, a hostile learner name is shown as
 * text, the projector hides names. Screenshots go to target/. Skipped, with the reason, without a browser.
 */
class DashboardBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String HOSTILE = "<img src=x onerror=alert(1)>";

    @TempDir
    Path dir;
    WorkshopFixture w;
    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void start() {
        String why = !Files.isExecutable(CHROMIUM) ? "no browser: " + CHROMIUM + " is not installed (apt-get install chromium chromium-driver)"
                : !Files.isExecutable(CHROMEDRIVER) ? "no driver: " + CHROMEDRIVER + " is not installed (apt-get install chromium-driver)" : null;
        if (why != null) {
            System.out.println("DashboardBrowserTest skipped: " + why);
        }
        assumeTrue(why == null, why);
        w = new WorkshopFixture(dir.resolve("data"), "default-deny-scope", "leftover-allow-all");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1500,1000",
                "--user-data-dir=" + dir.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (w != null) {
            w.close();
        }
    }

    private String text(String id) {
        return (String) js("const e = document.getElementById(arguments[0]); return e ? e.innerText : null;", id);
    }

    /** Reads in one script run: the board is redrawn on every push, so elements held across pushes go stale. */
    private Object js(String script, Object... args) {
        return ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(script, args);
    }

    @SuppressWarnings("unchecked")
    private List<String> texts(String css) {
        return (List<String>) js("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent);", css);
    }

    private String cellClass(long seat, int task) {
        return (String) js("const e = document.querySelector(`tr[data-seat='${arguments[0]}'] td[data-task='${arguments[1]}']`);"
                + " return e ? e.className + ' ' + e.innerText : '';", seat, task);
    }

    private void click(String css) {
        wait.until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    private void screenshot(String name) throws Exception {
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private void check(WorkshopApi.Joined seat, int task, boolean solved) throws Exception {
        var s = w.scenario(task);
        w.post("/api/seats/" + seat.seat() + "/visit", seat.token(), "{\"task\":" + task + ",\"lab\":\"embedded\"}");
        assertThat(w.post("/api/seats/" + seat.seat() + "/results", seat.token(),
                w.result(task, "check", solved ? s.solutionPolicies() : s.brokenPolicies())).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("without the secret no data; with it seats appear live, names are text, the timer and controls work, the projector anonymises")
    void dashboard() throws Exception {
        browser.get(w.base + "/dashboard#secret=wrong-secret");
        wait.until(d -> d.findElement(By.id("login")).isDisplayed());
        WorkshopApi.Joined early = w.join("early");
        Thread.sleep(500);
        assertThat(texts("#board-body tr")).as("no data without the secret").isEmpty();

        // The right address pasted into the same tab: only the fragment changes, and the page logs in without a reload.
        browser.get(w.base + "/dashboard#secret=" + WorkshopFixture.SECRET);
        wait.until(d -> texts("#board-body tr").size() == 1 && text("timer-state").contains("not started"));
        assertThat(browser.getCurrentUrl()).as("the secret leaves the address bar").doesNotContain(WorkshopFixture.SECRET);
        assertThat(browser.findElement(By.id("closed")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("login")).isDisplayed()).isFalse();
        assertThat(text("join")).isEqualTo("netpol-lab join " + w.base + " --code ABC123 --name NAME");

        WorkshopApi.Joined hostile = w.join(HOSTILE);
        check(hostile, 0, false);
        WorkshopApi.Joined bob = w.join("bob");
        check(bob, 0, true);
        check(bob, 1, false);
        wait.until(d -> texts("#board-body tr").size() == 3 && cellClass(bob.seat(), 1).contains("fail"));
        assertThat(texts("#board-body .learner")).containsExactly("early", HOSTILE, "bob");
        assertThat(texts("#board-body img")).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(cellClass(bob.seat(), 0)).startsWith("cell pass 5/5");
        assertThat(cellClass(hostile.seat(), 0)).startsWith("cell fail 0/5");
        wait.until(d -> text("failures").contains("1 of 2 fail web/frontend -> payments/ledger:5432/TCP"));
        assertThat(cellClass(early.seat(), 0)).startsWith("cell none");

        click("#start");
        wait.until(d -> text("timer-state").startsWith("running"));
        String first = text("timer");
        wait.until(d -> !text("timer").equals(first));
        assertThat(text("timer")).matches("\\d\\d:\\d\\d");
        click("#pause");
        wait.until(d -> text("timer-state").startsWith("paused"));
        int total = w.workshop.plan().minutes();
        click("#extend");
        wait.until(d -> text("timer-state").endsWith("· " + (total + 5) + " min"));

        browser.findElement(By.id("message")).sendKeys("Break until 10:30 <b>now</b>");
        click("#message-form button");
        wait.until(d -> text("messages").contains("Break until 10:30 <b>now</b>"));
        assertThat(w.get("/api/seats/" + bob.seat() + "/state", bob.token()).body()).contains("Break until 10:30");

        wait.until(d -> {
            new Select(d.findElement(By.id("hint-task"))).selectByValue("1");
            d.findElement(By.cssSelector("#hint-form button")).click();
            return true;
        });
        wait.until(d -> texts("#board-head th").get(2).contains("hints 1/"));
        assertThat(w.get("/api/seats/" + bob.seat() + "/state", bob.token()).json().path("hints").get(0).path("task").asInt()).isEqualTo(1);
        screenshot("workshop-dashboard.png");

        click("tr[data-seat='" + hostile.seat() + "'] td[data-task='0']");
        wait.until(d -> d.findElement(By.id("detail")).isDisplayed() && text("detail-diff").contains("--- reference"));
        assertThat(text("detail-title")).isEqualTo(HOSTILE + " — task 1 (default-deny-scope)");
        assertThat(text("detail-diff")).contains("-  podSelector: {}").contains("+      app: api");
        assertThat(text("detail-policies")).contains("name: default-deny-ingress");
        screenshot("workshop-dashboard-detail.png");

        browser.get(w.base + "/projector?code=ABC123&anon=1");
        wait.until(d -> texts("#board-body tr").size() == 3);
        assertThat(texts("#board-body .learner")).containsExactly("Learner " + early.seat(), "Learner " + hostile.seat(), "Learner " + bob.seat());
        assertThat(text("board")).doesNotContain("bob").doesNotContain("<img");
        assertThat(browser.findElements(By.id("start"))).isEmpty();
        WorkshopApi.Joined carol = w.join("carol");
        check(carol, 0, true);
        wait.until(d -> texts("#board-body tr").size() == 4);
        screenshot("workshop-projector.png");

        browser.get(w.base + "/dashboard");
        wait.until(d -> texts("#board-body tr").size() == 4);
        click("#close");
        browser.switchTo().alert().accept();
        wait.until(d -> d.findElement(By.id("closed")).isDisplayed());
        assertThat(w.workshop.closed()).isTrue();
    }
}
