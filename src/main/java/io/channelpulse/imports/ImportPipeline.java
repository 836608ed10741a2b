package io.channelpulse.imports;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Stores an import's batches on a thread of their own, one at a time, while the reading thread parses and counts
 * the next batch: the JVM's work and the database's overlap instead of taking turns. At most one batch waits to be
 * stored, so memory stays at two batches whatever the file's size.
 */
final class ImportPipeline implements AutoCloseable {

    private final ExecutorService storing = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pulse-import-store");
        thread.setDaemon(true);
        return thread;
    });

    private Future<?> pending = CompletableFuture.completedFuture(null);

    /** Waits for the batch before, then starts storing this one. */
    void submit(Runnable store) {
        drain();
        pending = storing.submit(store);
    }

    /** Waits for the batch being stored; its failure is thrown here, once. */
    void drain() {
        Future<?> waiting = pending;
        pending = CompletableFuture.completedFuture(null);
        try {
            waiting.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The import was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        storing.shutdownNow();
    }
}
