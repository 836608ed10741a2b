package io.channelpulse.ingest;

import io.channelpulse.ingest.telegram.ChannelHandle;
import io.channelpulse.ingest.telegram.EmbedAnswer;
import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.ingest.telegram.PreviewPage;
import io.channelpulse.ingest.telegram.PreviewResult;
import io.channelpulse.ingest.telegram.PreviewUnavailableException;
import io.channelpulse.ingest.telegram.TelegramPreviews;
import io.channelpulse.ops.PulseMetrics;
import io.channelpulse.store.ChannelLock;
import io.channelpulse.store.ChannelLocks;
import io.channelpulse.store.ChannelStatus;
import io.channelpulse.store.CountedPosts;
import io.channelpulse.store.PollState;
import io.channelpulse.store.PostDeletions;
import io.channelpulse.store.ChannelHeaders;
import io.channelpulse.store.PostStore;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One poll of one channel: the newest page, any gap back to posts already stored, then the next
 * backfill pages, then a few recent pages read again. Pages are stored oldest first and each in its own
 * transaction together with its cursor and its deletion check, so a poll killed at any point leaves no gap:
 * the next poll finds where to go on. For the same reason a page's transaction need not wait for the disk
 * ({@link PollState#commitWithoutFlush}): a page lost in a database crash goes with its cursor and is fetched again.
 */
@ApplicationScoped
class ChannelUpdater {

    @Inject
    TelegramPreviews previews;

    @Inject
    PostStore posts;

    @Inject
    ChannelHeaders headers;

    @Inject
    PostCounting counting;

    @Inject
    PollState state;

    @Inject
    ChannelLocks locks;

    @Inject
    IngestConfig config;

    @Inject
    PostDeletions deletions;

    @Inject
    RecheckConfig recheck;

    @Inject
    PulseMetrics metrics;

    /** Thrown inside a poll when a page ended it: no preview, or a page that did not parse. */
    private static final class PollStopped extends Exception {
        final ChannelStatus status;

        PollStopped(ChannelStatus status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** Thrown inside a poll when its lock went with a broken database connection: another poller may hold it now. */
    private static final class LockLost extends Exception {
        LockLost() {
            super(null, null, false, false);
        }
    }

    /**
     * Polls the channel unless another poller holds it, it is paused or told to wait; with {@code onlyIfDue}, also
     * unless its next check is not due (another instance has just polled it).
     */
    void update(long channelId, boolean onlyIfDue) {
        Optional<ChannelLock> lock = locks.tryLock(channelId);
        if (lock.isEmpty()) {
            Log.debugf("Channel %d is being polled elsewhere", channelId);
            return;
        }
        try (ChannelLock held = lock.get()) {
            Instant now = Instant.now();
            Optional<PollState.Snapshot> channel = state.load(channelId)
                    .filter(c -> c.status() != ChannelStatus.PAUSED)
                    .filter(c -> c.notBefore() == null || c.notBefore().isBefore(now))
                    .filter(c -> !onlyIfDue || c.due());
            if (channel.isPresent()) {
                state.begin(channelId);
                pollSafely(channel.get(), held);
            }
        }
    }

    /**
     * Every way a poll can end but two is written down as its outcome, which also clears {@code polled_by}. The
     * two are a shutdown (interrupted) and a lost lock: the poll is left unfinished, for any instance to go on with.
     */
    private void pollSafely(PollState.Snapshot channel, ChannelLock lock) {
        long known = posts.newestPostId(channel.id());
        try {
            poll(channel, lock, known);
            finish(channel, ChannelStatus.ACTIVE, null, null, known);
        } catch (PollStopped stopped) {
            finish(channel, stopped.status, stopped.getMessage(), null, known);
        } catch (PreviewUnavailableException unavailable) {
            Log.warnf("Channel %s: %s", channel.handle(), unavailable.getMessage());
            finish(channel, ChannelStatus.FAILING, unavailable.getMessage(),
                    unavailable.notBefore().orElse(null), known);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (LockLost lost) {
            Log.warnf("Channel %s: the database connection holding its poll broke; the poll stops here and goes on"
                    + " once the database answers", channel.handle());
        } catch (RuntimeException e) {
            Log.errorf(e, "Polling channel %s failed", channel.handle());
            finish(channel, ChannelStatus.FAILING, "Internal error: " + e.getMessage(), null, known);
        }
    }

    /** Writes down how the poll ended and when the channel is due again, from its posting rate (PollInterval). */
    private void finish(PollState.Snapshot channel, ChannelStatus status, String error, Instant notBefore,
                        long knownBefore) {
        metrics.pollEnded(status);
        List<Instant> newest = state.newestPostTimes(channel.id(), PollInterval.SAMPLE);
        boolean foundNew = knownBefore != 0 && posts.newestPostId(channel.id()) > knownBefore;
        boolean isNew = newest.isEmpty() || !state.load(channel.id()).map(PollState.Snapshot::backfillDone).orElse(true);
        // pulse.poll.every, when set, pins both bounds: the rule then answers that interval for every channel
        Duration min = config.poll().every().orElse(config.poll().min());
        Duration max = config.poll().every().orElse(config.poll().max());
        Duration next = PollInterval.next(newest, Instant.now(), foundNew, isNew, min, max);
        state.finish(channel.id(), status, error, notBefore, next);
    }

    /** {@code known}: the newest post id stored before this poll, 0 for none. */
    private void poll(PollState.Snapshot channel, ChannelLock lock, long known)
            throws PollStopped, PreviewUnavailableException, InterruptedException, LockLost {
        ChannelHandle handle = new ChannelHandle(channel.handle());
        PreviewPage newest = page(channel, previews.newest(handle));
        Instant seenAt = Instant.now();
        CountedPosts newestCounted = counting.count(newest.posts());
        List<Long> candidates = new ArrayList<>();
        if (known == 0) {
            QuarkusTransaction.requiringNew().run(() -> {
                state.commitWithoutFlush();
                headers.record(channel.id(), newest.channel(), seenAt);
                metrics.postsStored(posts.storePosts(channel.id(), newestCounted, seenAt));
                if (!channel.backfillDone() && channel.backfillBefore() == null) {
                    state.saveBackfill(channel.id(), newest.moreBefore(), 0, newest.endOfHistory());
                }
            });
        } else {
            QuarkusTransaction.requiringNew().run(() -> {
                state.commitWithoutFlush();
                headers.record(channel.id(), newest.channel(), seenAt);
                metrics.postsStored(posts.storePosts(channel.id(), newestCounted, seenAt));
                candidates.addAll(checkDeletions(channel, newest, true, seenAt));
                if (oldestId(newest) > known && !newest.endOfHistory() && newest.moreBefore() != null) {
                    // a gap already pending ends further down; one range covers both
                    state.saveGap(channel.id(), newest.moreBefore(),
                            channel.gapFloor() != null ? Math.min(channel.gapFloor(), known) : known);
                }
            });
        }
        fillGap(state.load(channel.id()).orElseThrow(), handle, lock);
        if (!channel.backfillDone()) {
            backfill(state.load(channel.id()).orElseThrow(), handle, lock);
        }
        PollState.Snapshot now = state.load(channel.id()).orElseThrow();
        if (known != 0 && now.gapBefore() == null && now.backfillDone()) {
            candidates.addAll(recheck(now, handle, newest, lock));
        }
        confirmByEmbed(channel, handle, candidates, lock);
    }

    /** Checks a stored page for missing posts (call it in the page's transaction); the new candidates come back. */
    private List<Long> checkDeletions(PollState.Snapshot channel, PreviewPage page, boolean newest, Instant seenAt) {
        PostDeletions.Check check = deletions.check(channel.id(), page.posts().stream().map(ParsedPost::id).toList(),
                newest, seenAt);
        if (check.tooMany()) {
            Log.warnf("Channel %s: a page missed more than half of the stored posts in its range; nothing marked",
                    channel.handle());
        }
        metrics.postsDeleted(check.confirmed());
        return check.candidates();
    }

    /**
     * Reads again up to {@code pulse.recheck.pages-per-poll} pages below the newest one, walking back from where
     * the last poll stopped, until a page reaches posts older than {@code pulse.recheck.days}; then the walk
     * starts again below the newest page. So every recent page is read again every few polls, and a post deleted
     * from it is missed twice in a row within a day at the default poll interval.
     */
    private List<Long> recheck(PollState.Snapshot channel, ChannelHandle handle, PreviewPage newest, ChannelLock lock)
            throws PollStopped, PreviewUnavailableException, InterruptedException, LockLost {
        Instant since = Instant.now().minus(Duration.ofDays(recheck.days()));
        Long before = deletions.recheckBefore(channel.id());
        if (before == null) {
            boolean recentBelow = newest.posts().stream().allMatch(p -> !p.publishedAt().isBefore(since));
            before = recentBelow && !newest.endOfHistory() ? newest.moreBefore() : null;
        }
        List<Long> candidates = new ArrayList<>();
        for (int pages = 0; before != null && pages < recheck.pagesPerPoll(); pages++) {
            confirm(lock);
            long asked = before;
            PreviewPage page = page(channel, previews.before(handle, asked));
            boolean recent = page.posts().stream().allMatch(p -> !p.publishedAt().isBefore(since));
            Long next = !recent || page.posts().isEmpty() || page.endOfHistory() || page.moreBefore() == null
                    || page.moreBefore() >= asked ? null : page.moreBefore();
            Instant seenAt = Instant.now();
            CountedPosts counted = counting.count(page.posts());
            QuarkusTransaction.requiringNew().run(() -> {
                state.commitWithoutFlush();
                metrics.postsStored(posts.storePosts(channel.id(), counted, seenAt));
                candidates.addAll(checkDeletions(channel, page, false, seenAt));
                deletions.saveRecheck(channel.id(), next);
            });
            before = next;
        }
        return candidates;
    }

    /**
     * Asks the embed page of the first {@code pulse.recheck.embed-checks-per-poll} new candidates: "Post not
     * found" confirms at once; any other answer leaves the candidate for the next read of its page.
     */
    private void confirmByEmbed(PollState.Snapshot channel, ChannelHandle handle, List<Long> candidates,
                                ChannelLock lock) throws InterruptedException, LockLost {
        for (long postId : candidates.stream().limit(recheck.embedChecksPerPoll()).toList()) {
            confirm(lock);
            if (previews.embed(handle, postId) == EmbedAnswer.DELETED
                    && deletions.confirmByEmbed(channel.id(), postId, Instant.now())) {
                metrics.postsDeleted(1);
            }
        }
    }

    /**
     * Fetches the pages between the newest page and the posts stored before it, newest first, each page stored
     * with the cursor of the next one. At most {@code pulse.backfill.max-pages} pages a poll: a longer gap
     * (a long outage of a busy channel) is closed over the next polls, and a poll killed midway loses nothing.
     */
    private void fillGap(PollState.Snapshot channel, ChannelHandle handle, ChannelLock lock)
            throws PollStopped, PreviewUnavailableException, InterruptedException, LockLost {
        Long before = channel.gapBefore();
        long floor = channel.gapFloor() == null ? 0 : channel.gapFloor();
        int pages = 0;
        while (before != null && pages < config.backfill().maxPages()) {
            confirm(lock);
            PreviewPage page = page(channel, previews.before(handle, before));
            Long next = page.posts().isEmpty() || page.endOfHistory() || page.moreBefore() == null
                    || page.moreBefore() >= before || oldestId(page) <= floor ? null : page.moreBefore();
            Instant seenAt = Instant.now();
            CountedPosts counted = counting.count(page.posts());
            QuarkusTransaction.requiringNew().run(() -> {
                metrics.postsStored(posts.storePosts(channel.id(), counted, seenAt));
                state.saveGap(channel.id(), next, next == null ? null : floor);
            });
            before = next;
            pages++;
        }
        if (before != null) {
            Log.infof("Channel %s: %d pages of new posts fetched; the rest of the gap comes with the next poll",
                    handle, pages);
        }
    }

    private void backfill(PollState.Snapshot channel, ChannelHandle handle, ChannelLock lock)
            throws PollStopped, PreviewUnavailableException, InterruptedException, LockLost {
        int maxPages = config.backfill().maxPages();
        Long before = channel.backfillBefore();
        int pages = channel.backfillPages();
        while (before != null && pages < maxPages) {
            confirm(lock);
            PreviewPage page = page(channel, previews.before(handle, before));
            Long next = page.posts().isEmpty() || page.moreBefore() == null || page.moreBefore() >= before
                    ? null : page.moreBefore();
            int done = pages + 1;
            Instant seenAt = Instant.now();
            CountedPosts counted = counting.count(page.posts());
            QuarkusTransaction.requiringNew().run(() -> {
                metrics.postsStored(posts.storePosts(channel.id(), counted, seenAt));
                state.saveBackfill(channel.id(), next, done, next == null || done >= maxPages);
            });
            before = next;
            pages = done;
        }
        if (before != null) {
            Log.infof("Channel %s: backfill stopped at %d pages (pulse.backfill.max-pages)", handle, maxPages);
        }
        state.saveBackfill(channel.id(), before, pages, true);
    }

    private static void confirm(ChannelLock lock) throws LockLost {
        if (!lock.held()) {
            throw new LockLost();
        }
    }

    private PreviewPage page(PollState.Snapshot channel, PreviewResult result) throws PollStopped {
        if (result instanceof PreviewResult.Page page) {
            return page.page();
        }
        if (result instanceof PreviewResult.NoPreview noPreview) {
            throw new PollStopped(ChannelStatus.NO_PREVIEW, "Telegram shows no web preview for @" + channel.handle()
                    + " (" + noPreview.url() + " redirects to " + noPreview.location() + ")");
        }
        PreviewResult.Unparsable unparsable = (PreviewResult.Unparsable) result;
        state.keepUnparsed(channel.id(), unparsable.url(), unparsable.error(), unparsable.body());
        throw new PollStopped(ChannelStatus.FAILING, "Could not read " + unparsable.url() + ": "
                + unparsable.error() + " (page kept for inspection)");
    }

    private static long oldestId(PreviewPage page) {
        return page.posts().stream().mapToLong(ParsedPost::id).min().orElse(0);
    }
}
