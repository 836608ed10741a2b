package io.channelpulse.store;

import io.channelpulse.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** A setting is made once: the first value offered is kept, and every later or simultaneous caller reads it. */
@QuarkusTest
class SettingsTest {

    @Inject
    Settings settings;

    @Inject
    DataSource dataSource;

    @Test
    void theFirstValueOfferedIsKept() {
        Db.execute(dataSource, "DELETE FROM settings WHERE key LIKE 'test.%'");
        assertThat(settings.getOrCreate("test.first", () -> "one")).isEqualTo(new Settings.Setting("one", true));
        assertThat(settings.getOrCreate("test.first", () -> "two")).isEqualTo(new Settings.Setting("one", false));
        assertThat(Db.text(dataSource, "SELECT value FROM settings WHERE key = 'test.first'")).isEqualTo("one");
    }

    @Test
    void callersAtTheSameTimeAllReadTheOneThatWon() throws Exception {
        Db.execute(dataSource, "DELETE FROM settings WHERE key LIKE 'test.%'");
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Settings.Setting>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String offered = "value " + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return settings.getOrCreate("test.race", () -> offered);
                }));
            }
            start.countDown();
            List<Settings.Setting> read = new java.util.ArrayList<>();
            for (Future<Settings.Setting> answer : answers) {
                read.add(answer.get());
            }
            String stored = Db.text(dataSource, "SELECT value FROM settings WHERE key = 'test.race'");
            assertThat(read).extracting(Settings.Setting::value).containsOnly(stored);
            assertThat(read).filteredOn(Settings.Setting::created).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
