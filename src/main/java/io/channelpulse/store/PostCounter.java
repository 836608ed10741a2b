package io.channelpulse.store;

import io.channelpulse.analytics.NameMatcher;
import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.network.PostCitations;
import io.channelpulse.terms.Term;

import java.time.ZoneId;
import java.util.List;

/**
 * How ingestion counts posts. Ingestion counts a batch before it stores it, outside the channel's lock; the store
 * calls back only for what it alone sees under the lock: the stored version an edit replaces, and a batch counted
 * against a watchlist or a zone that changed in between.
 */
public interface PostCounter {

    CountedPost count(ParsedPost post, NameMatcher names, ZoneId zone);

    /** The channels a stored version cites. */
    PostCitations citations(String text, List<String> links, String forwardedHandle, boolean service);

    /** The terms of a stored version that counted. */
    List<Term> terms(String text);
}
