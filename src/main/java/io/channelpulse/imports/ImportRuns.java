package io.channelpulse.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelpulse.store.ImportRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The imports' rows ({@link ImportRun}): made when a file is accepted, updated as it runs, read as statuses. */
@ApplicationScoped
class ImportRuns {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<ExportProblem>> PROBLEMS = new TypeReference<>() {
    };

    /** The counts and problems of a running import, as they will be written with its next batch. */
    static final class Counts {
        long read;
        long stored;
        long skipped;
        final List<ExportProblem> errors = new ArrayList<>();

        void add(ImportBatches.Stored batch) {
            stored += batch.stored();
            skipped += batch.skipped();
        }

        /** Adds what was read elsewhere, keeping at most {@code maxErrors} problems. */
        void take(Counts read, int maxErrors) {
            this.read += read.read;
            skipped += read.skipped;
            read.errors.stream().limit(Math.max(0, maxErrors - errors.size())).forEach(errors::add);
        }

        /** These counts, leaving this empty: what was read since the last batch, handed on with it. */
        Counts takeAll() {
            Counts taken = new Counts();
            taken.take(this, Integer.MAX_VALUE);
            read = 0;
            skipped = 0;
            errors.clear();
            return taken;
        }
    }

    @Transactional
    long create(long channelId, String fileName, ZoneId zone) {
        return ImportRun.start(channelId, fileName, zone.getId()).id;
    }

    @Transactional
    Optional<ImportStatus> status(long id) {
        return ImportRun.findWithChannel(id).map(ImportRuns::status);
    }

    @Transactional
    List<ImportStatus> newest(int limit) {
        return ImportRun.newestWithChannels(limit).stream().map(ImportRuns::status).toList();
    }

    /** Imports a stopped app left queued or running; their files were temporary. */
    @Transactional
    List<Long> unfinished() {
        return ImportRun.unfinished().stream().map(run -> run.id).toList();
    }

    @Transactional
    void running(long id) {
        ImportRun.<ImportRun>findByIdOptional(id).ifPresent(run -> run.state = "running");
    }

    @Transactional
    void finish(long id, Counts counts, String state) {
        record(id, state, counts, Instant.now());
    }

    /** Writes the counts into the caller's transaction: the batch's, so they say exactly what it stored. */
    @Transactional(Transactional.TxType.MANDATORY)
    void progress(long id, Counts counts) {
        record(id, "running", counts, null);
    }

    private static void record(long id, String state, Counts counts, Instant finishedAt) {
        ImportRun.<ImportRun>findByIdOptional(id).ifPresent(run -> {
            run.state = state;
            run.read = counts.read;
            run.stored = counts.stored;
            run.skipped = counts.skipped;
            run.errors = json(counts.errors);
            run.finishedAt = finishedAt;
        });
    }

    private static ImportStatus status(ImportRun run) {
        return new ImportStatus(run.id, run.channel.handle, run.state, run.read, run.stored, run.skipped,
                problems(run.errors));
    }

    private static String json(List<ExportProblem> problems) {
        try {
            return JSON.writeValueAsString(problems);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ExportProblem> problems(String json) {
        try {
            return JSON.readValue(json, PROBLEMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("imports.errors holds " + json, e);
        }
    }
}
