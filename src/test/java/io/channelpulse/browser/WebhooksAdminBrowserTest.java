package io.channelpulse.browser;

import io.channelpulse.testing.Admin;
import io.channelpulse.testing.Db;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import javax.sql.DataSource;
import java.net.URL;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhooks part of /admin in Chromium: added and removed through its forms, its log fits 390 to 1920 px. */
@QuarkusTest
class WebhooksAdminBrowserTest {

    static Browser browser;

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void noWebhooks() throws Exception {
        Db.reset(dataSource);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE webhooks, webhook_deliveries, digest_subscribers RESTART IDENTITY CASCADE");
        }
    }

    @Test
    void webhooksAreAddedRefusedListedWithTheirLogAndRemoved() throws Exception {
        logIn();
        assertThat(browser.driver().findElement(By.id("no-webhooks")).getText()).isEqualTo("No webhooks yet.");

        addWebhook("http://169.254.169.254/latest/meta-data/");
        assertThat(message()).startsWith("url: 169.254.169.254 is a link-local address (169.254.0.0/16)");
        assertThat(Db.count(dataSource, "SELECT count(*) FROM webhooks")).isZero();

        String longUrl = "http://127.0.0.1:9/" + "a-very-long-receiver-path-segment/".repeat(6) + "hook";
        browser.driver().findElement(By.cssSelector("input[name=events][value='post.deleted']")).click();
        addWebhook(longUrl);
        assertThat(message()).isEqualTo("Added the webhook " + longUrl + " (spike, post.deleted; all metrics)");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO webhook_deliveries (webhook_id, event, event_key, body, status, attempts, "
                    + "next_attempt_at, last_error) VALUES (1, 'spike', 'spike|topic|averyveryverylongtopicwithoutanyspaces"
                    + "inittobreakthelayout|day|2024-02-15T00:00:00Z', '{}', 'failed', 2, now() + interval '2 minutes', "
                    + "'POST to " + longUrl + " (127.0.0.1) failed: Connection refused: /127.0.0.1:9')");
        }
        browser.open(url("/admin"));
        assertThat(browser.driver().findElement(By.id("admin-webhooks")).getText()).contains(longUrl)
                .contains("spike, post.deleted").contains("all metrics");
        assertThat(browser.driver().findElement(By.id("admin-webhook-deliveries")).getText())
                .contains("failed after 2 tries").contains("Next try").contains("Connection refused");

        for (int width : new int[]{390, 1400, 1920}) {
            browser.viewport(width, width < 800 ? 844 : 900);
            try {
                browser.open(url("/admin#webhooks"));
                browser.screenshot("admin_webhooks_" + width);
                Browser.Fit fit = browser.fit();
                assertThat(fit.fits()).as("/admin with webhooks at %d px: %s", width, fit.describe()).isTrue();
            } finally {
                browser.viewport(1280, 900);
            }
        }
        assertThat(browser.consoleErrors()).isEmpty();

        browser.driver().findElement(By.cssSelector("form[action='/admin/webhooks/1/delete'] button")).click();
        browser.waitFor(Duration.ofSeconds(10), "the removal", () -> !browser.driver().findElements(By.id("admin-message")).isEmpty());
        assertThat(message()).isEqualTo("Removed the webhook and its delivery log");
        assertThat(Db.count(dataSource, "SELECT count(*) FROM webhook_deliveries")).isZero();
    }

    private void addWebhook(String address) {
        WebElement url = browser.driver().findElement(By.cssSelector("form[action='/admin/webhooks'] input[name=url]"));
        url.clear();
        url.sendKeys(address);
        WebElement secret = browser.driver().findElement(By.cssSelector("form[action='/admin/webhooks'] input[name=secret]"));
        secret.clear();
        secret.sendKeys("browser-secret");
        browser.driver().findElement(By.cssSelector("form[action='/admin/webhooks'] button[type=submit]")).click();
        browser.waitFor(Duration.ofSeconds(10), "the answer", () -> !browser.driver().findElements(By.id("admin-message")).isEmpty());
    }

    private String message() {
        return browser.driver().findElement(By.id("admin-message")).getText();
    }

    private String url(String path) {
        return base.toString().replaceFirst("/$", "") + path;
    }

    private void logIn() {
        browser.open(url("/admin"));
        if (browser.driver().getCurrentUrl().contains("/admin/login")) {
            WebElement password = browser.driver().findElement(By.name("j_password"));
            password.sendKeys(Admin.PASSWORD);
            password.submit();
            browser.waitFor(Duration.ofSeconds(10), "the login to finish",
                    () -> !browser.driver().getCurrentUrl().contains("/admin/login"));
        }
        browser.open(url("/admin"));
    }
}
