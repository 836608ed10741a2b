package io.channelpulse.web.pages;

import io.channelpulse.store.PostView;

import java.util.List;

/** A post in a list, its text in pieces with the searched or listed words marked. */
public record MarkedPost(PostView post, List<Highlight.Piece> pieces) {

    static List<MarkedPost> all(List<PostView> views, List<String> words) {
        return views.stream().map(view -> new MarkedPost(view, Highlight.pieces(view.text(), words))).toList();
    }
}
