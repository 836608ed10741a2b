package io.channelpulse.web;

import io.channelpulse.api.TimeRange;
import io.channelpulse.api.Limits;
import io.channelpulse.api.BadParameterException;
import io.channelpulse.api.ApiDocument;
import io.channelpulse.analytics.AnalyticsConfig;
import io.channelpulse.store.PostQuery;
import io.channelpulse.store.PostStories;
import io.channelpulse.store.PostStory;
import io.channelpulse.store.PostView;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

import java.util.List;
import java.util.Locale;

/** Stored posts page by page: newest first, or best matches first when searching with {@code q}. */
@Path("/api/posts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Posts", description = "Stored posts, newest first or best matches first")
@APIResponse(responseCode = "503", ref = ApiDocument.DATABASE_AWAY)
public class PostResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    public record PostPage(List<PostView> items, String next) {
    }

    @Inject
    PostQuery posts;

    @Inject
    PostStories stories;

    @Inject
    AnalyticsConfig analytics;

    @GET
    @Operation(summary = "Posts page by page", description = "Pass the answer's next as cursor for the next page; "
            + "next is null on the last page")
    @APIResponse(responseCode = "200", description = "One page of posts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PostPage.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    public PostPage list(@BeanParam Filters filters,
                         @Parameter(description = "Full-text search (PostgreSQL russian configuration) in web-search "
                                 + "syntax: words, \"a phrase\", or, -word") @QueryParam("q") String q,
                         @Parameter(description = "A hashtag key, e.g. osce; a leading # and case are ignored")
                         @QueryParam("topic") String topic,
                         @Parameter(description = "A watched entity's key (lavrov) or a handle (mfarussia); a leading "
                                 + "@ and case are ignored") @QueryParam("mention") String mention,
                         @Parameter(description = "Posts per page, 1 to 500",
                                 schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50"))
                         @QueryParam("limit") String limit,
                         @Parameter(description = "The next value of the previous page") @QueryParam("cursor") String cursor,
                         @Parameter(description = "relevance (the default with q) or newest (the default without)",
                                 schema = @Schema(enumeration = {"newest", "relevance"}))
                         @QueryParam("sort") String sort,
                         @Parameter(description = ApiDocument.DELETED, schema = @Schema(type = SchemaType.BOOLEAN))
                         @QueryParam("deleted") String deleted,
                         @Parameter(description = ApiDocument.EDITED, schema = @Schema(type = SchemaType.BOOLEAN))
                         @QueryParam("edited") String edited) {
        TimeRange period = filters.timeRange(analytics.timezone());
        // Resolved like every other filter: @handles and links work, an untracked channel is a 400.
        PostQuery.Filter filter = new PostQuery.Filter(filters.channelIds(), period.from(), period.to(), blankToNull(q),
                key(topic), key(mention), YesNoParameter.parse("deleted", deleted),
                YesNoParameter.parse("edited", edited));
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

    @GET
    @Path("{handle}/{id}")
    @Operation(summary = "One post and its story", description = "The post as in the listing, plus versions (every "
            + "text it has had, oldest first, the current one last, each with when we first saw it), views (the view "
            + "counts polls read, oldest first), forwardedBy (the tracked channels' posts forwarding it, with the lag "
            + "in seconds) and source (the forwarded post, when we have it)")
    @APIResponse(responseCode = "200", description = "The post with its versions, views and forwards",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PostStory.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public PostStory one(@Parameter(description = "The channel's handle, e.g. EmbUSA (any case)") @PathParam("handle") String handle,
                         @Parameter(description = "The post's id in its channel, e.g. 10212") @PathParam("id") String id) {
        PostAddress address = PostAddress.parse(handle, id);
        return stories.story(address.handle(), address.id()).orElseThrow(() ->
                new NotFoundException("No post " + address.handle() + "/" + address.id() + " is stored"));
    }

    private static String key(String value) {
        String key = blankToNull(value);
        return key == null ? null : key.replaceFirst("^[#@]", "").toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
