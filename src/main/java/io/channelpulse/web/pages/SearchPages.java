package io.channelpulse.web.pages;

import io.channelpulse.analytics.DataVersions;
import io.channelpulse.analytics.KeptAnswers;
import io.channelpulse.store.PostQuery;
import io.channelpulse.web.Filters;
import io.channelpulse.web.PostCursor;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Full-text search over the posts, best matches first, with the words marked and a link to chart them. */
@Path("/search")
@Produces(MediaType.TEXT_HTML)
public class SearchPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance search(SearchPage page);
    }

    public record SearchPage(Frame frame, String q, List<MarkedPost> results, String next, String compareLink) {

        /** {@code q=…} for links, URL-encoded. */
        public String qParam() {
            return q == null ? "" : "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
        }
    }

    /**
     * The question of a search's ranking, kept by the data version: new and purged posts change it, and so do edits
     * of a post's text or time (V34). The page's posts are read at each request (views, deletion marks).
     */
    private record Ranking(PostQuery.Filter filter) {
    }

    @Inject
    Frames frames;

    @Inject
    KeptAnswers kept;

    @Inject
    PostQuery posts;

    @GET
    public TemplateInstance search(@QueryParam("q") String q, @BeanParam Filters given,
                                   @QueryParam("cursor") String cursor) {
        DataVersions.Versions now = kept.versions();
        Filters asked = given.orRange("all");
        Frame frame = frames.frame(now, "/search", asked, null);
        String text = q == null || q.isBlank() ? null : q.strip();
        List<MarkedPost> rows = List.of();
        String next = null;
        String compare = null;
        if (text != null) {
            List<Long> ids = asked.channelIds();
            int offset = PostCursor.decodeOffset(cursor);
            PostQuery.Filter filter = frame.posts(KeptAnswers.channels(ids), text, null, null);
            List<PostQuery.Key> order = kept.get(now, new Ranking(filter), () -> List.copyOf(posts.relevanceOrder(filter)));
            PostQuery.Page page = posts.mostRelevant(order, offset, 20);
            List<String> words = List.of(text.replaceAll("[\"()\\-]", " ").trim().split("\\s+"));
            rows = MarkedPost.all(page.items(), words);
            next = page.nextOffset() == null ? null : PostCursor.encodeOffset(page.nextOffset());
            compare = "/compare?" + String.join("&", words.stream().filter(w -> w.length() > 1 && !w.equalsIgnoreCase("or"))
                    .map(w -> "k=" + URLEncoder.encode(w, StandardCharsets.UTF_8)).toList());
        }
        return Templates.search(new SearchPage(frame, text, rows, next, compare));
    }
}
