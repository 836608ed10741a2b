package io.channelpulse.store;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a page says about the stored posts its id range covers: the ones it misses are deletion candidates,
 * unless it misses more than half of them, which is a glitching page (or a purge) more than deletions.
 *
 * @param missing  stored ids strictly inside the page's range that the page does not hold, ascending
 * @param covered  how many stored posts the range covers
 * @param tooMany  more than half of the covered posts are missing: nothing on the page may be marked
 */
public record MissingPosts(List<Long> missing, int covered, boolean tooMany) {

    /** The comparison of one page, from its post ids and the stored ids strictly between its lowest and highest. */
    public static MissingPosts compare(Collection<Long> pageIds, Collection<Long> storedInRange) {
        if (pageIds.size() < 2) {
            return new MissingPosts(List.of(), 0, false);
        }
        long low = pageIds.stream().mapToLong(Long::longValue).min().orElseThrow();
        long high = pageIds.stream().mapToLong(Long::longValue).max().orElseThrow();
        Set<Long> onPage = Set.copyOf(pageIds);
        TreeSet<Long> covered = new TreeSet<>();
        storedInRange.stream().filter(id -> id > low && id < high).forEach(covered::add);
        List<Long> missing = covered.stream().filter(id -> !onPage.contains(id)).toList();
        return new MissingPosts(missing, covered.size(), missing.size() * 2 > covered.size());
    }
}
