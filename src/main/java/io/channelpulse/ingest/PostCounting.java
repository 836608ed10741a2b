package io.channelpulse.ingest;

import io.channelpulse.analytics.Counting;
import io.channelpulse.analytics.NameMatcher;
import io.channelpulse.analytics.PostFacts;
import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.network.PostCitations;
import io.channelpulse.store.CountedPost;
import io.channelpulse.store.CountedPosts;
import io.channelpulse.store.PostCounter;
import io.channelpulse.store.PostStore;
import io.channelpulse.terms.Term;
import io.channelpulse.terms.TermCounting;
import io.channelpulse.terms.TermExtractor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.ZoneId;
import java.util.Collection;
import java.util.List;

/**
 * Counts what posts count for (topics, mentions, forwards, cited channels, terms) before they are stored, so the
 * work is done outside the channel's lock and the transaction, and an import counts its next batch while the last
 * one is stored. Polls, imports and the generator all count here.
 */
@ApplicationScoped
public class PostCounting implements PostCounter {

    @Inject
    PostStore store;

    @Inject
    TermCounting termCounting;

    /** The posts counted as the store counts now (see {@link PostStore#countingBasis}). */
    public CountedPosts count(Collection<ParsedPost> posts) {
        PostStore.CountingBasis basis = store.countingBasis();
        return CountedPosts.count(posts, basis.names(), basis.zone(), this);
    }

    @Override
    public CountedPost count(ParsedPost post, NameMatcher names, ZoneId zone) {
        String forward = post.forwardedFrom() == null ? null : post.forwardedFrom().handle();
        boolean service = post.kind() == ParsedPost.Kind.SERVICE;
        PostFacts facts = Counting.facts(post.text(), post.links(), forward, post.publishedAt(), service, names, zone);
        return new CountedPost(post, facts, citations(post.text(), post.links(), forward, service),
                facts.counted() ? terms(post.text()) : List.of());
    }

    @Override
    public PostCitations citations(String text, List<String> links, String forwardedHandle, boolean service) {
        return PostCitations.of(text, links, forwardedHandle, service);
    }

    @Override
    public List<Term> terms(String text) {
        return termCounting.countsTerms() ? TermExtractor.terms(text) : List.of();
    }
}
