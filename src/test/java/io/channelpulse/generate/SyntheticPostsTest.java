package io.channelpulse.generate;

import io.channelpulse.analytics.HandleMentions;
import io.channelpulse.analytics.Hashtags;
import io.channelpulse.ingest.telegram.ChannelHandle;
import io.channelpulse.ingest.telegram.ParsedPost;
import io.channelpulse.store.Channel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The synthetic posts look like real channels' and are the same for the same seed. */
class SyntheticPostsTest {

    private static final Instant NOW = Instant.parse("2025-06-15T12:34:56Z");
    private static SyntheticPosts synthetic;
    private static final List<List<ParsedPost>> byChannel = new ArrayList<>();
    private static final List<ParsedPost> all = new ArrayList<>();

    @BeforeAll
    static void generate() {
        synthetic = new SyntheticPosts(42, 12, 2, 60_000, NOW);
        for (SyntheticPosts.ChannelPlan plan : synthetic.channels()) {
            List<ParsedPost> posts = new ArrayList<>();
            synthetic.posts(plan.index(), 0).forEachRemaining(posts::add);
            byChannel.add(posts);
            all.addAll(posts);
        }
    }

    @Test
    void everyChannelItMakesIsKnownAsSyntheticAndRealHandlesAreNot() {
        SyntheticPosts synthetic = new SyntheticPosts(3, 120, 1, 1000, Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(synthetic.channels()).allMatch(plan -> Channel.isDemoHandle(plan.handle()));
        assertThat(List.of("EmbUSA", "synthetic", "synthetic_", "synthetic_1", "synthetic_news", "Synthetic_01x"))
                .noneMatch(Channel::isDemoHandle);
        assertThat(Channel.isDemoHandle(null)).isFalse();
    }

    @Test
    void theSameSeedGivesTheSamePostsAndAnotherSeedOthers() {
        SyntheticPosts again = new SyntheticPosts(42, 12, 2, 60_000, NOW);
        SyntheticPosts other = new SyntheticPosts(43, 12, 2, 60_000, NOW);
        assertThat(again.channels()).isEqualTo(synthetic.channels());
        for (int c = 0; c < 12; c++) {
            List<ParsedPost> repeated = new ArrayList<>();
            again.posts(c, 0).forEachRemaining(repeated::add);
            assertThat(repeated).isEqualTo(byChannel.get(c));
        }
        assertThat(SyntheticPosts.page(other.posts(0, 0), 50)).isNotEqualTo(byChannel.get(0).subList(0, 50));
    }

    @Test
    void everyPostIsGeneratedOnceInValidChannels() {
        assertThat(all).hasSize(60_000);
        long planned = synthetic.channels().stream().mapToLong(SyntheticPosts.ChannelPlan::posts).sum();
        assertThat(planned).isEqualTo(60_000);
        for (SyntheticPosts.ChannelPlan plan : synthetic.channels()) {
            assertThat(ChannelHandle.parse(plan.handle())).as(plan.handle()).isPresent();
            assertThat(plan.handle()).matches("synthetic_\\d\\d");
            assertThat(plan.title()).startsWith("Synthetic channel ");
            assertThat(plan.header().counters().subscribers()).isPositive();
            assertThat(byChannel.get(plan.index())).hasSize((int) plan.posts())
                    .allMatch(p -> p.channel().equals(plan.handle()));
        }
    }

    @Test
    void channelActivityIsUneven() {
        List<Long> sizes = synthetic.channels().stream().map(SyntheticPosts.ChannelPlan::posts).sorted().toList();
        assertThat(sizes.get(sizes.size() - 1)).isGreaterThan(5 * sizes.get(0));
    }

    @Test
    void idsIncreaseWithTimeAndContinueAfterTheGivenId() {
        for (List<ParsedPost> posts : byChannel) {
            for (int i = 1; i < posts.size(); i++) {
                assertThat(posts.get(i).id()).isGreaterThan(posts.get(i - 1).id());
                assertThat(posts.get(i).publishedAt()).isAfterOrEqualTo(posts.get(i - 1).publishedAt());
            }
        }
        Iterator<ParsedPost> continued = synthetic.posts(0, 5_000);
        assertThat(continued.next().id()).isEqualTo(5_001);
    }

    @Test
    void datesAreWithinTheYearsAndSpreadOverThem() {
        Instant from = NOW.atZone(ZoneOffset.UTC).minusYears(2).toInstant();
        assertThat(synthetic.from()).isEqualTo(from);
        assertThat(all).allMatch(p -> !p.publishedAt().isBefore(from) && !p.publishedAt().isAfter(NOW));
        long firstHalf = all.stream().filter(p -> p.publishedAt().isBefore(from.plusSeconds(365L * 86_400))).count();
        assertThat(firstHalf).isBetween(10_000L, 50_000L);
    }

    @Test
    void fewerPostsAtWeekendsAndAtNight() {
        Map<LocalDate, Integer> perDay = new HashMap<>();
        int daytime = 0;
        for (ParsedPost post : all) {
            perDay.merge(LocalDate.ofInstant(post.publishedAt(), ZoneOffset.UTC), 1, Integer::sum);
            int hour = post.publishedAt().atZone(ZoneOffset.UTC).getHour();
            if (hour >= 7 && hour < 22) {
                daytime++;
            }
        }
        double weekend = 0;
        double weekday = 0;
        int weekendDays = 0;
        int weekdays = 0;
        for (LocalDate d = LocalDate.ofInstant(synthetic.from(), ZoneOffset.UTC).plusDays(1);
             d.isBefore(LocalDate.ofInstant(NOW, ZoneOffset.UTC)); d = d.plusDays(1)) {
            int n = perDay.getOrDefault(d, 0);
            if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                weekend += n;
                weekendDays++;
            } else {
                weekday += n;
                weekdays++;
            }
        }
        assertThat(weekend / weekendDays).isLessThan(0.75 * weekday / weekdays);
        assertThat(daytime).isGreaterThan((int) (0.8 * all.size()));
    }

    @Test
    void someDaysAreBursts() {
        for (List<ParsedPost> posts : byChannel.subList(0, 3)) {
            Map<LocalDate, Integer> perDay = new HashMap<>();
            posts.forEach(p -> perDay.merge(LocalDate.ofInstant(p.publishedAt(), ZoneOffset.UTC), 1, Integer::sum));
            List<Integer> counts = perDay.values().stream().sorted().toList();
            int median = counts.get(counts.size() / 2);
            assertThat(counts.get(counts.size() - 1)).isGreaterThanOrEqualTo(4 * Math.max(1, median));
        }
    }

    @Test
    void hashtagsAreSkewedInBothScriptsAndVariedCase() {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Set<String>> spellings = new HashMap<>();
        int[] perPost = new int[10];
        for (ParsedPost post : all) {
            List<String> keys = Hashtags.keys(post.text());
            perPost[Math.min(9, keys.size())]++;
            keys.forEach(k -> counts.merge(k, 1, Integer::sum));
            for (String spelling : Hashtags.spellings(post.text())) {
                spellings.computeIfAbsent(spelling.toLowerCase(java.util.Locale.ROOT), k -> new HashSet<>()).add(spelling);
            }
        }
        assertThat(counts.size()).isBetween(200, 400);
        List<Integer> sorted = counts.values().stream().sorted().toList();
        int top = sorted.get(sorted.size() - 1);
        int median = sorted.get(sorted.size() / 2);
        assertThat(top).isGreaterThan(20 * median);
        assertThat(counts.keySet()).anyMatch(k -> k.matches("\\p{IsCyrillic}+")).anyMatch(k -> k.matches("[a-z]+"));
        assertThat(counts).containsKeys("osce", "сво", "деньпобеды", "nato", "russiausa", "мид");
        assertThat(spellings.get("osce")).contains("OSCE", "osce", "Osce");
        assertThat(spellings.get("сво")).contains("СВО", "сво");
        assertThat(perPost[0]).isPositive();
        assertThat(perPost[4]).isPositive();
        assertThat(perPost[5] + perPost[6] + perPost[7] + perPost[8] + perPost[9]).isZero();
    }

    @Test
    void namesAppearInSeveralWordForms() {
        String text = String.join("\n", all.stream().map(ParsedPost::text).toList());
        for (String form : List.of("Lavrov", "Sergey Lavrov’s", "Лавров", "Лаврова", "Лаврову", "Лавровым",
                "Putin", "Путина", "Путину", "NATO", "НАТО", "European Union", "ЕС", "United Nations", "ООН", "OSCE",
                "ОБСЕ", "USA", "США", "Ukraine", "Украине", "Belarus", "Беларуси", "China", "Китая", "Zakharova",
                "Захаровой")) {
            assertThat(text).as(form).contains(form);
        }
    }

    @Test
    void forwardsHandlesServiceMessagesAndTheRest() {
        long forwards = all.stream().filter(p -> p.forwardedFrom() != null).count();
        long synthetic = all.stream().filter(p -> p.forwardedFrom() != null && p.forwardedFrom().handle() != null
                && p.forwardedFrom().handle().startsWith("synthetic_")).count();
        long ministry = all.stream().filter(p -> p.forwardedFrom() != null
                && Set.of("MFARussia", "MID_Russia").contains(String.valueOf(p.forwardedFrom().handle()))).count();
        assertThat(synthetic).isBetween((long) (0.10 * all.size()), (long) (0.20 * all.size()));
        assertThat(ministry).isPositive();
        assertThat(forwards).isGreaterThan(synthetic + ministry - 1);
        assertThat(all).filteredOn(p -> p.forwardedFrom() != null && p.forwardedFrom().handle() != null)
                .allMatch(p -> !p.forwardedFrom().handle().equalsIgnoreCase(p.channel()))
                .allMatch(p -> p.forwardedFrom().postId() != null && p.forwardedFrom().postId() > 0);

        List<ParsedPost> service = all.stream().filter(p -> p.kind() == ParsedPost.Kind.SERVICE).toList();
        assertThat(service.size()).isBetween(all.size() / 200, all.size() / 50);
        assertThat(service).allMatch(p -> p.views() == null && p.media().isEmpty() && p.reactions().isEmpty());
        assertThat(all).filteredOn(p -> p.kind() == ParsedPost.Kind.POST).allMatch(p -> p.views() != null && p.views() > 0);

        List<Long> views = all.stream().filter(p -> p.views() != null).map(ParsedPost::views).sorted().toList();
        assertThat(views.get(views.size() / 2)).isBetween(100L, 100_000L);
        assertThat(views.get(views.size() - 1)).isGreaterThan(100_000L);

        long mentioning = all.stream().filter(p -> HandleMentions.keys(p.text(), p.links()).stream()
                .anyMatch(h -> h.startsWith("synthetic_"))).count();
        assertThat(mentioning).isGreaterThan(all.size() / 50);
        assertThat(all).anyMatch(p -> p.text().contains("t.me/synthetic_"));
        assertThat(all).anyMatch(p -> p.edited()).anyMatch(p -> p.signature() != null)
                .anyMatch(p -> !p.reactions().isEmpty()).anyMatch(p -> p.replyTo() != null)
                .anyMatch(p -> p.text().matches("(?s).*[А-Яа-я].*")).anyMatch(p -> p.text().matches("(?s)[^А-Яа-я]*"));
        Set<String> mediaTypes = new HashSet<>();
        all.forEach(p -> p.media().forEach(m -> mediaTypes.add(m.type())));
        assertThat(mediaTypes).contains("photo", "video", "album", "document", "poll", "link_preview");
        assertThat(all).filteredOn(p -> p.kind() == ParsedPost.Kind.POST)
                .allMatch(p -> !p.text().isBlank() && p.text().split("[.!?»]").length >= 1);
    }

    @Test
    void storyDaysBringANewNameANewTagAndAWatchedNameSpike() {
        List<java.time.LocalDate> days = synthetic.storyDays();
        assertThat(days).hasSize(5);
        java.time.LocalDate today = java.time.LocalDate.ofInstant(NOW, java.time.ZoneOffset.UTC);
        assertThat(days.get(days.size() - 1)).isBetween(today.minusDays(5), today.minusDays(1));
        assertThat(days.get(0)).isAfterOrEqualTo(java.time.LocalDate.ofInstant(synthetic.from(), java.time.ZoneOffset.UTC)
                .plusDays(StoryDays.QUIET_BEFORE));
        java.time.LocalDate latest = days.get(days.size() - 1);
        java.util.Map<Boolean, List<ParsedPost>> onStoryDay = all.stream().filter(p -> p.kind() == ParsedPost.Kind.POST)
                .collect(java.util.stream.Collectors.partitioningBy(p ->
                        java.time.LocalDate.ofInstant(p.publishedAt(), java.time.ZoneOffset.UTC).equals(latest)));
        // the story of the latest day is the first one: Rafael Grossi and #AtomWatch, never seen on other days
        // (the other story days tell other stories or the same one again)
        List<ParsedPost> story = onStoryDay.get(true);
        long told = story.stream().filter(p -> p.text().contains("#AtomWatch") || p.text().contains("#АтомНадзор")).count();
        assertThat(told).isGreaterThan(story.size() / 2);
        assertThat(story.stream().filter(p -> p.text().contains("Rafael Grossi") || p.text().contains("Рафаэл"))
                .count()).isEqualTo(told);
        assertThat(onStoryDay.get(false).stream()
                .filter(p -> !days.contains(java.time.LocalDate.ofInstant(p.publishedAt(), java.time.ZoneOffset.UTC)))
                .filter(p -> p.text().contains("AtomWatch") || p.text().contains("Grossi") || p.text().contains("Гросси")))
                .isEmpty();
        double zakharovaThatDay = story.stream().filter(p -> p.text().contains("Захаров") || p.text().contains("Zakharova"))
                .count() / (double) story.size();
        double zakharovaUsually = onStoryDay.get(false).stream()
                .filter(p -> p.text().contains("Захаров") || p.text().contains("Zakharova"))
                .count() / (double) onStoryDay.get(false).size();
        assertThat(zakharovaThatDay).isGreaterThan(0.6).isGreaterThan(2.5 * zakharovaUsually);
    }
}
