package io.channelpulse.web.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelpulse.store.PostStory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a post's page shows: the post, its versions each with the word diff against the one before, its views
 * chart and what it says about its media.
 */
public record PostPage(Frame frame, PostStory story, List<Version> versions, ChartData viewsChart,
                       List<String> media) {

    /** A text the post had; {@code diff} is against the version before, null for the first. */
    public record Version(int number, String text, Instant seenAt, List<WordDiff.Segment> diff, boolean current) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static PostPage of(Frame frame, PostStory story) {
        List<Version> versions = new ArrayList<>();
        List<PostStory.Version> texts = story.versions();
        for (int i = 0; i < texts.size(); i++) {
            PostStory.Version text = texts.get(i);
            versions.add(new Version(i + 1, text.text(), text.seenAt(),
                    i == 0 ? null : WordDiff.between(texts.get(i - 1).text(), text.text()), i == texts.size() - 1));
        }
        ChartData views = new ChartData("line", false,
                story.views().stream().map(v -> PageExtensions.time(v.t(), frame.zone())).toList(),
                List.of(new ChartData.Dataset("Views", story.views().stream().<Number>map(PostStory.ViewCount::views).toList())));
        return new PostPage(frame, story, versions, views, media(story.post().media()));
    }

    /** Newest version first, as people read a history. */
    public List<Version> newestFirst() {
        List<Version> reversed = new ArrayList<>(versions);
        Collections.reverse(reversed);
        return reversed;
    }

    /** The t.me page of the forwarded post, whether or not we track its channel. */
    public String sourceOnTelegram() {
        var forward = story.post().forwardedFrom();
        return forward == null || forward.handle() == null ? null
                : "https://t.me/" + forward.handle() + (forward.postId() == null ? "" : "/" + forward.postId());
    }

    /** One line per attachment: {@code photo}, {@code album of 3}, {@code link preview: Title (site)}. */
    static List<String> media(String json) {
        List<String> lines = new ArrayList<>();
        try {
            for (JsonNode item : JSON.readTree(json == null ? "[]" : json)) {
                StringBuilder line = new StringBuilder(item.path("type").asText().replace('_', ' '));
                if (item.has("items")) {
                    line.append(" of ").append(item.get("items").asInt());
                }
                String title = item.path("title").asText("");
                String site = item.path("site").asText("");
                if (!title.isEmpty()) {
                    line.append(": ").append(title);
                }
                if (!site.isEmpty()) {
                    line.append(" (").append(site).append(')');
                }
                if (item.has("options")) {
                    List<String> options = new ArrayList<>();
                    item.get("options").forEach(o -> options.add(o.asText()));
                    line.append(" — ").append(String.join(" / ", options));
                }
                lines.add(line.toString());
            }
        } catch (IOException e) {
            throw new IllegalStateException("The database built media JSON that does not parse", e);
        }
        return lines;
    }
}
