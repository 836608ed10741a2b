package io.channelpulse.web.pages;

import io.channelpulse.analytics.DataVersions;
import io.channelpulse.analytics.KeptAnswers;
import io.channelpulse.analytics.Metric;
import io.channelpulse.analytics.Period;
import io.channelpulse.analytics.TopEntry;
import io.channelpulse.analytics.TopQuery;
import io.channelpulse.api.BadParameterException;
import io.channelpulse.ingest.telegram.ChannelHandle;
import io.channelpulse.network.ChannelCitations;
import io.channelpulse.network.ChannelNetwork;
import io.channelpulse.store.Channel;
import io.channelpulse.store.PostQuery;
import io.channelpulse.store.PostView;
import io.channelpulse.web.Filters;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** A channel's page: its state, subscribers, counted panels, citations, latest, deleted and edited posts. */
@Path("/channels")
@Produces(MediaType.TEXT_HTML)
public class ChannelPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance channel(ChannelPage page);

        static native TemplateInstance channelPanels(ChannelPanels page);
    }

    /** A channel's page: its counted panels rendered ({@code panels}) between what is read at each request. */
    public record ChannelPage(Frame frame, Channel channel, ChartData subscribersChart, String panels,
                              List<PostView> latest, List<ChangedPost> deleted, List<ChangedPost> edited,
                              ChannelCitations citations) {
    }

    /** A channel's panels that come from its posts, counts and citations. */
    public record ChannelPanels(Frame frame, ChartData activityChart, List<List<Long>> heatmap, long heatmapMax,
                                List<TopEntry> topics, List<TopEntry> mentions, List<TopEntry> forwards,
                                ChannelCitations citations) {

        /** Another channel's page when it is tracked, else its preview on t.me. */
        public String link(String handle) {
            return frame.channels().stream().anyMatch(c -> c.handle.equalsIgnoreCase(handle))
                    ? "/channels/" + handle + "?" + frame.filters().queryWithout("channel")
                    : "https://t.me/s/" + handle;
        }
    }

    /** The rendered panels and the citations they show, whose total the page's cards repeat. */
    private record ChannelAnswer(String panels, ChannelCitations citations) {
    }

    /** A post in the "Recently deleted" or "Recently edited" list; {@code at} is when we noticed. */
    public record ChangedPost(String channel, long id, String text, Instant at) {
    }

    @Inject
    Frames frames;

    @Inject
    KeptAnswers kept;

    @Inject
    TopQuery top;

    @Inject
    PostQuery posts;

    @Inject
    PageData data;

    @Inject
    ChannelNetwork network;

    @GET
    @Path("{handle}")
    public TemplateInstance channel(@PathParam("handle") String handle, @QueryParam("range") String range,
                                    @QueryParam("from") String from, @QueryParam("to") String to,
                                    @QueryParam("bucket") String bucket) {
        ChannelHandle parsed = ChannelHandle.parse(handle).orElseThrow(() ->
                new BadParameterException("handle", "'" + handle + "' is not a channel handle"));
        Channel channel = QuarkusTransaction.requiringNew().call(() -> Channel.findByHandle(parsed.value()))
                .orElseThrow(() -> new NotFoundException("Channel '" + handle + "' is not tracked"));
        DataVersions.Versions now = kept.versions();
        Frame frame = frames.frame(now, "/channels/" + channel.handle, Filters.ofChannel(channel, from, to, range), bucket);
        Period period = frame.period();
        List<Long> ids = List.of(channel.id);
        ZoneId zone = frame.zone();
        ChannelAnswer answer = kept.get(now, new RenderedPanels("channel", channel.handle, frame.filters(), period), () -> {
            ChannelPanels panels = channelPanels(frame, channel.id);
            return new ChannelAnswer(Templates.channelPanels(panels).render(), panels.citations());
        });
        return Templates.channel(new ChannelPage(frame, channel, data.subscribers(channel.id, period, zone),
                answer.panels(), posts.newestFirst(frame.posts(ids, null, null, null), null, 10).items(),
                data.recentlyDeleted(channel.id, 10), data.recentlyEdited(channel.id, 10), answer.citations()));
    }

    /**
     * Subscribers are read at each request instead (a poll that finds the same number adds a point but changes no
     * counts), and so are the latest, deleted and edited posts (views and deletion marks change no counts).
     */
    private ChannelPanels channelPanels(Frame frame, long channelId) {
        Period period = frame.period();
        ZoneId zone = frame.zone();
        List<Long> ids = List.of(channelId);
        List<List<Long>> heatmap = data.heatmap(channelId, period, zone);
        return new ChannelPanels(frame, data.viewsPerPost(channelId, period, zone), heatmap,
                heatmap.stream().flatMap(List::stream).mapToLong(Long::longValue).max().orElse(0),
                top.top(Metric.TOPIC, ids, period.first(), period.last(), period.previousFirst(), TopQuery.Order.COUNT, 10),
                top.top(Metric.MENTION, ids, period.first(), period.last(), period.previousFirst(), TopQuery.Order.COUNT, 10),
                top.top(Metric.FORWARD, ids, period.first(), period.last(), period.previousFirst(), TopQuery.Order.COUNT, 10),
                network.of(channelId, period));
    }
}
