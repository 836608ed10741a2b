package io.channelpulse.ops;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Liveness is down exactly while threads are deadlocked, and never needs the database. */
class NoDeadlockedThreadsTest {

    private final NoDeadlockedThreads check = new NoDeadlockedThreads();

    @Test
    void upWithoutDeadlock() {
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void downWhileTwoThreadsWaitForEachOther() throws Exception {
        ReentrantLock first = new ReentrantLock();
        ReentrantLock second = new ReentrantLock();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        List<Thread> threads = List.of(locking("deadlocked-a", first, second, bothHoldOne),
                locking("deadlocked-b", second, first, bothHoldOne));
        threads.forEach(Thread::start);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> check.call().getStatus() == HealthCheckResponse.Status.DOWN);
            HealthCheckResponse down = check.call();
            assertThat(down.getName()).isEqualTo("Threads");
            assertThat(down.getData().orElseThrow().get("deadlocked").toString())
                    .contains("deadlocked-a").contains("deadlocked-b");
        } finally {
            threads.forEach(Thread::interrupt);
            for (Thread thread : threads) {
                thread.join(5000);
            }
        }
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    private static Thread locking(String name, ReentrantLock held, ReentrantLock wanted, CountDownLatch bothHoldOne) {
        Thread thread = new Thread(() -> {
            held.lock();
            try {
                bothHoldOne.countDown();
                bothHoldOne.await();
                wanted.lockInterruptibly();
                wanted.unlock();
            } catch (InterruptedException released) {
                Thread.currentThread().interrupt();
            } finally {
                held.unlock();
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }
}
