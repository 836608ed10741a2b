package io.channelpulse.web;

import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.store.PostQuery;
import io.channelpulse.store.PostView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** Stored posts page by page: newest first, or best matches first when searching with {@code q}. */
@Path("/api/posts")
@Produces(MediaType.APPLICATION_JSON)
public class PostResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    public record PostPage(List<PostView> items, String next) {
    }

    @Inject
    PostQuery posts;

    @Inject
    AnalyticsConfig analytics;

    @GET
    public PostPage list(@QueryParam("channel") List<String> channels, @QueryParam("from") String from,
                         @QueryParam("to") String to, @QueryParam("range") String range, @QueryParam("q") String q,
                         @QueryParam("topic") String topic, @QueryParam("mention") String mention,
                         @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                         @QueryParam("sort") String sort) {
        TimeRange period = TimeRange.parse(from, to, range, analytics.timezone(), Clock.systemUTC());
        // Resolved like every other filter: @handles and links work, an untracked channel is a 400.
        PostQuery.Filter filter = new PostQuery.Filter(ChannelFilter.ids(channels), period.from(), period.to(), blankToNull(q),
                key(topic), key(mention));
        int pageSize = Limits.parse(limit, DEFAULT_LIMIT, MAX_LIMIT);
        boolean relevance = switch (sort == null || sort.isBlank() ? (filter.text() == null ? "newest" : "relevance") : sort) {
            case "newest" -> false;
            case "relevance" -> {
                if (filter.text() == null) {
                    throw new BadParameterException("sort", "relevance needs a search text in q");
                }
                yield true;
            }
            default -> throw new BadParameterException("sort", "'" + sort + "' is not newest or relevance");
        };
        if (relevance) {
            PostQuery.Page page = posts.mostRelevant(filter, PostCursor.decodeOffset(cursor), pageSize);
            return new PostPage(page.items(), page.nextOffset() == null ? null : PostCursor.encodeOffset(page.nextOffset()));
        }
        PostQuery.Page page = posts.newestFirst(filter, PostCursor.decode(cursor), pageSize);
        return new PostPage(page.items(), page.next() == null ? null : PostCursor.encode(page.next()));
    }

    private static String key(String value) {
        String key = blankToNull(value);
        return key == null ? null : key.replaceFirst("^[#@]", "").toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
