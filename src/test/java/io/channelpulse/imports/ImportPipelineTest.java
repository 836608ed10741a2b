package io.channelpulse.imports;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** Batches are stored in order, on a thread of their own, and a failed batch stops the import where it is handed on. */
class ImportPipelineTest {

    @Test
    void batchesAreStoredInOrderOffTheReadingThread() {
        List<String> stored = new CopyOnWriteArrayList<>();
        Thread reader = Thread.currentThread();
        try (ImportPipeline pipeline = new ImportPipeline()) {
            for (int batch = 1; batch <= 5; batch++) {
                int number = batch;
                pipeline.submit(() -> stored.add(number + (Thread.currentThread() == reader ? " here" : " there")));
            }
            pipeline.drain();
        }
        assertThat(stored).containsExactly("1 there", "2 there", "3 there", "4 there", "5 there");
    }

    @Test
    void aFailedBatchIsThrownOnceWhereTheNextIsHandedOnAndNothingAfterItIsStored() {
        List<Integer> stored = new CopyOnWriteArrayList<>();
        try (ImportPipeline pipeline = new ImportPipeline()) {
            pipeline.submit(() -> {
                throw new IllegalStateException("the database refused batch 1");
            });
            assertThatThrownBy(() -> pipeline.submit(() -> stored.add(2)))
                    .isInstanceOf(IllegalStateException.class).hasMessage("the database refused batch 1");
            assertThatNoException().isThrownBy(pipeline::drain);
        }
        assertThat(stored).isEmpty();
    }
}
