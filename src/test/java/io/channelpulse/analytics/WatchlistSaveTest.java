package io.channelpulse.analytics;

import io.channelpulse.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Two admins saving the same new name at once: one creates it, the other's save updates it, neither fails. */
@QuarkusTest
class WatchlistSaveTest {

    @Inject
    Watchlist watchlist;

    @Inject
    DataSource dataSource;

    @Test
    void savesOfTheSameNewKeyAtOnceCreateItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String key = "race" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> saves = new ArrayList<>();
                for (String label : List.of("First " + round, "Second " + round)) {
                    saves.add(pool.submit(() -> {
                        start.await();
                        return watchlist.save(new WatchedEntity(key, label, List.of(label)));
                    }));
                }
                start.countDown();
                List<Boolean> created = new ArrayList<>();
                for (Future<Boolean> save : saves) {
                    created.add(save.get());
                }
                assertThat(created).containsExactlyInAnyOrder(true, false);
                assertThat(Db.count(dataSource, "SELECT count(*) FROM watched_entities WHERE key = '" + key + "'"))
                        .isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
            Db.execute(dataSource, "DELETE FROM watched_entities WHERE key LIKE 'race%'");
        }
    }
}
