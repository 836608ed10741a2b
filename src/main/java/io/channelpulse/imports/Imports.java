package io.channelpulse.imports;

import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.ingest.telegram.ChannelHandle;
import io.channelpulse.ingest.PostCounting;
import io.channelpulse.store.CountedPosts;
import io.channelpulse.store.StoreException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Imports Telegram Desktop exports into a channel's history. A file is read twice: first whole, to find the
 * channel's chat and to refuse a file that is not JSON, not an export, not a channel or cut short before
 * anything is stored; then message by message into batches stored like polled pages. Imports run one at a time
 * in the background.
 */
@ApplicationScoped
public class Imports {

    /** The file cannot be imported; nothing was stored and no import was recorded. */
    public static class Refused extends Exception {
        private final ExportProblem problem;

        Refused(ExportProblem problem) {
            super(problem.describe());
            this.problem = problem;
        }

        public ExportProblem problem() {
            return problem;
        }
    }

    /** An import checked and recorded, ready to run. */
    public record Prepared(long id, ImportChannels.Target channel, ExportFile file, int chat, ZoneId zone) {

        /** The handle of the channel it imports into, as tracked. */
        public String handle() {
            return channel.handle();
        }
    }

    @Inject
    ImportRuns runs;

    @Inject
    ImportChannels channels;

    @Inject
    ImportBatches batches;

    @Inject
    ImportConfig config;

    @Inject
    PostCounting counting;

    @Inject
    AnalyticsConfig analytics;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pulse-import");
        thread.setDaemon(true);
        return thread;
    });

    void failInterrupted(@Observes StartupEvent start) {
        for (long id : runs.unfinished()) {
            ImportRuns.Counts counts = new ImportRuns.Counts();
            ImportStatus before = runs.status(id).orElseThrow();
            counts.read = before.read();
            counts.stored = before.stored();
            counts.skipped = before.skipped();
            counts.errors.addAll(before.errors());
            counts.errors.add(new ExportProblem(0, 0, null, "the app stopped during the import; what it stored is "
                    + "kept, and importing the file again adds the rest"));
            runs.finish(id, counts, "failed");
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** The zone of an export's local times when none is given. */
    public ZoneId defaultZone() {
        return analytics.timezone();
    }

    /**
     * Checks the file and records the import, creating the channel (paused, source import) if it is not tracked.
     *
     * @param handle the channel's handle, as the user gave it
     */
    public Prepared prepare(Path path, String fileName, String handle, ZoneId zone) throws Refused {
        ChannelHandle channelHandle = ChannelHandle.parse(handle == null ? "" : handle).orElseThrow(() ->
                new IllegalArgumentException("'" + handle + "' is not a public channel handle; use a username like "
                        + "EmbUSA or @EmbUSA"));
        try {
            ExportFile file = ExportFile.of(path);
            List<ExportReader.Chat> chats;
            try (InputStream in = file.open()) {
                chats = ExportReader.chats(in);
            }
            Optional<ImportChannels.Target> tracked = channels.channel(channelHandle.value());
            ExportReader.Chat chat = chosen(chats, tracked.map(ImportChannels.Target::title).orElse(null));
            ImportChannels.Target channel = tracked.orElseGet(() -> channels.channelForImport(channelHandle.value(), chat.name()));
            long id = runs.create(channel.id(), fileName, zone);
            return new Prepared(id, channel, file, chat.index(), zone);
        } catch (ExportException e) {
            throw new Refused(e.problem());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path, e);
        }
    }

    /** Runs the import in the background; {@code done} runs after it, also when it failed (to remove the file). */
    public void start(Prepared prepared, Runnable done) {
        worker.submit(() -> {
            try {
                run(prepared, status -> {
                });
            } catch (RuntimeException e) {
                Log.errorf(e, "Import %d failed", prepared.id());
            } finally {
                done.run();
            }
        });
    }

    /**
     * Runs the import in this thread, telling {@code progress} after every batch. Batches are stored on a second
     * thread while this one reads and counts the next ({@link ImportPipeline}); the counts of the import are only
     * touched by the storing thread until the last batch is stored.
     */
    public ImportStatus run(Prepared prepared, Consumer<ImportStatus> progress) {
        runs.running(prepared.id());
        ImportRuns.Counts counts = new ImportRuns.Counts();
        Map<String, String> handlesByTitle = channels.handlesByTitle();
        List<ExportMessage> batch = new ArrayList<>(config.batch());
        ImportRuns.Counts read = new ImportRuns.Counts();
        try (ImportPipeline pipeline = new ImportPipeline(); InputStream in = prepared.file().open()) {
            try {
                ExportReader.read(in, prepared.chat(), prepared.channel().handle(), prepared.zone(),
                        new ExportReader.Messages() {
                            @Override
                            public void message(ExportMessage message) {
                                read.read++;
                                if (message.post() == null) {
                                    read.skipped++;
                                    return;
                                }
                                batch.add(message);
                                if (batch.size() >= config.batch()) {
                                    flush(pipeline, prepared, batch, read, handlesByTitle, counts, progress);
                                }
                            }

                            @Override
                            public void unreadable(ExportProblem problem) {
                                read.read++;
                                read.skipped++;
                                read.errors.add(problem);
                            }
                        });
                flush(pipeline, prepared, batch, read, handlesByTitle, counts, progress);
                pipeline.drain();
            } finally {
                // what was read but not handed on still counts, also when the file or a batch failed
                drainQuietly(pipeline);
                counts.take(read, config.maxErrors());
            }
            runs.finish(prepared.id(), counts, "done");
        } catch (ExportException e) {
            counts.errors.add(e.problem());
            runs.finish(prepared.id(), counts, "failed");
        } catch (IOException | RuntimeException e) {
            counts.errors.add(new ExportProblem(0, 0, null, "the import stopped: " + e.getMessage()));
            runs.finish(prepared.id(), counts, "failed");
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
        }
        ImportStatus status = runs.status(prepared.id()).orElseThrow();
        progress.accept(status);
        return status;
    }

    public Optional<ImportStatus> status(long id) {
        return runs.status(id);
    }

    /** The latest imports, newest first. */
    public List<ImportStatus> newest(int limit) {
        return runs.newest(limit);
    }

    /**
     * Counts the batch here, then hands it, with what was read since the last batch, to the storing thread once
     * that has stored the batch before.
     */
    private void flush(ImportPipeline pipeline, Prepared prepared, List<ExportMessage> batch, ImportRuns.Counts read,
                       Map<String, String> handlesByTitle, ImportRuns.Counts counts, Consumer<ImportStatus> progress) {
        if (batch.isEmpty()) {
            return;
        }
        List<ExportMessage> messages = distinct(batch);
        batch.clear();
        CountedPosts counted = counting.count(messages.stream()
                .map(message -> ImportBatches.withForwardHandle(message.post(), handlesByTitle)).toList());
        ImportRuns.Counts readNow = read.takeAll();
        pipeline.submit(() -> {
            counts.take(readNow, config.maxErrors());
            storeOrSplit(prepared, messages, counted, counts);
            progress.accept(new ImportStatus(prepared.id(), prepared.channel().handle(), "running", counts.read,
                    counts.stored, counts.skipped, List.copyOf(counts.errors)));
        });
    }

    private static void drainQuietly(ImportPipeline pipeline) {
        try {
            pipeline.drain();
        } catch (RuntimeException e) {
            // the failure was thrown once already, where the batch was handed on
        }
    }

    /** Each id once, as its last version: hand-edited exports may hold an id twice. */
    private static List<ExportMessage> distinct(List<ExportMessage> batch) {
        Map<Long, ExportMessage> byId = new LinkedHashMap<>();
        batch.forEach(message -> byId.put(message.id(), message));
        return List.copyOf(byId.values());
    }

    /**
     * Stores the messages in one transaction. When the database refuses a value of one of them (a NUL character in a
     * text, say), the whole transaction is gone, so the batch is stored again in halves until the messages it refuses
     * are alone: those are skipped and named among the import's problems, every other message is stored.
     */
    private void storeOrSplit(Prepared prepared, List<ExportMessage> messages, CountedPosts counted,
                              ImportRuns.Counts counts) {
        try {
            batches.store(prepared.id(), prepared.channel(), messages, counted, counts);
        } catch (StoreException e) {
            Optional<String> refused = StoreException.refusedValue(e);
            if (refused.isEmpty()) {
                throw e;
            }
            if (messages.size() == 1) {
                counts.skipped++;
                if (counts.errors.size() < config.maxErrors()) {
                    counts.errors.add(new ExportProblem(0, 0, messages.get(0).id(),
                            "not stored, the database refused it: " + refused.get()));
                }
                return;
            }
            int half = messages.size() / 2;
            storeOrSplit(prepared, messages.subList(0, half), counted, counts);
            storeOrSplit(prepared, messages.subList(half, messages.size()), counted, counts);
        }
    }

    /**
     * The chat to import: the single chat of a chat's export; in an "all data" export the one channel, or the
     * channel named like the tracked channel when there are several.
     */
    static ExportReader.Chat chosen(List<ExportReader.Chat> chats, String trackedTitle) throws ExportException {
        if (chats.size() == 1 && chats.get(0).index() == 0 && !chats.get(0).channel()) {
            ExportReader.Chat chat = chats.get(0);
            throw refuse("the export is of a " + (chat.type() == null ? "chat of no type" : chat.type().replace('_', ' '))
                    + ", not a channel: only channels can be imported");
        }
        List<ExportReader.Chat> channels = chats.stream().filter(ExportReader.Chat::channel).toList();
        if (channels.size() == 1) {
            return channels.get(0);
        }
        if (channels.isEmpty()) {
            throw refuse("the export holds " + chats.size() + " chats and none is a channel");
        }
        List<ExportReader.Chat> named = channels.stream().filter(c -> c.name() != null && c.name().equals(trackedTitle))
                .toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        throw refuse("the export holds " + channels.size() + " channels ("
                + channels.stream().map(c -> "«" + c.name() + "»").collect(Collectors.joining(", "))
                + ") and none is named like the tracked channel; export the one channel with \"Export chat history\"");
    }

    private static ExportException refuse(String reason) {
        return new ExportException(new ExportProblem(0, 0, null, reason));
    }
}
