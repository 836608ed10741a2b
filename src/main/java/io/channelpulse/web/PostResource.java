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

/** Stored posts, newest first, page by page. */
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
                         @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        TimeRange period = TimeRange.parse(from, to, range, analytics.timezone(), Clock.systemUTC());
        PostQuery.Filter filter = new PostQuery.Filter(channels, period.from(), period.to(), blankToNull(q),
                key(topic), key(mention));
        PostQuery.Page page = posts.newestFirst(filter, PostCursor.decode(cursor), limit(limit));
        return new PostPage(page.items(), page.next() == null ? null : PostCursor.encode(page.next()));
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // answered below with the rule
        }
        throw new BadParameterException("limit", "'" + value + "' is not a whole number from 1 to " + MAX_LIMIT);
    }

    private static String key(String value) {
        String key = blankToNull(value);
        return key == null ? null : key.replaceFirst("^[#@]", "").toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
