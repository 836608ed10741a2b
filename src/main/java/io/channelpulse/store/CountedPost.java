package io.channelpulse.store;

import io.channelpulse.analytics.PostFacts;
import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.network.PostCitations;
import io.channelpulse.terms.Term;

import java.util.List;

/** A post with what it counts for: its facts, the channels it cites and its terms (none when it is not counted). */
public record CountedPost(ParsedPost post, PostFacts facts, PostCitations cites, List<Term> terms) {
}
