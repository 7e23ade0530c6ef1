package io.evalbatch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver: never a browser or driver
 * that Selenium would download. Background networking is off, so that the only requests are the
 * page's own; every browser gets a fresh profile.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start() {
        Requires.browser();
        try {
            Path profile = Files.createTempDirectory("evalbatch-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--window-size=1280,1400", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves what the browser shows as {@code target/screenshots/NAME.png}. */
    public Path screenshot(String name) {
        try {
            Path file = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Desktop and laptop widths: a page must read at both. */
    private static final int[][] WIDTHS = {{1440, 900}, {1024, 768}};

    /**
     * Screenshots of the whole page at a desktop and a laptop width, as
     * {@code target/screenshots/NAME-desktop.png} and {@code NAME-laptop.png}; the window is left
     * at the laptop width's height and the default width afterwards.
     */
    public List<Path> screenshots(String name) {
        List<Path> files = new java.util.ArrayList<>();
        String[] kinds = {"desktop", "laptop"};
        for (int i = 0; i < WIDTHS.length; i++) {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(WIDTHS[i][0], WIDTHS[i][1]));
            long height = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(WIDTHS[i][0],
                    (int) Math.min(Math.max(height, WIDTHS[i][1]), 4000)));
            files.add(screenshot(name + "-" + kinds[i]));
        }
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1400));
        return files;
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a profile left in the temporary directory is harmless
        }
    }
}
