package io.channelpulse.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The hashtags of the synthetic posts, apart from their sentences because topics are counted by tag: a few hundred
 * Latin and Cyrillic tags by rank, typed in varied case.
 */
final class Tags {

    private Tags() {
    }

    /** The tags people actually use, most frequent first (Latin and Cyrillic mixed). */
    private static final String[] CURATED_TAGS = {
            "Russia", "МИД", "Россия", "Lavrov", "NATO", "Лавров", "Ukraine", "СВО", "UN", "ООН", "OSCE", "ОБСЕ",
            "Захарова", "RussiaUSA", "Diplomacy", "Дипломатия", "Belarus", "ДеньПобеды", "Китай", "China", "BRICS",
            "БРИКС", "G20", "SCO", "ШОС", "UNGA", "Донбасс", "Donbass", "Crimea", "Крым", "Syria", "Сирия",
            "Sanctions", "Санкции", "Energy", "Энергетика", "Брифинг", "Briefing", "Consular", "Консульство",
            "RussiaChina", "РоссияКитай", "RussiaBelarus", "СоюзноеГосударство", "Putin", "Путин", "EU", "ЕС",
            "Moscow", "Москва", "Vienna", "Вена", "Geneva", "Женева", "Africa", "Африка", "RussiaAfrica",
            "Россия_Африка", "ArmsControl", "КонтрольНадВооружениями", "Security", "Безопасность", "Culture",
            "Культура", "Education", "Образование", "Science", "Наука", "Sport", "Спорт", "Youth", "Молодёжь",
            "History", "История", "WWII", "ВОВ", "Memory", "Память", "Embassy", "Посольство", "Interview",
            "Интервью", "Statement", "Заявление", "MFA", "Zakharova", "Arctic", "Арктика", "Climate", "Климат",
            "Trade", "Торговля", "Digest", "Дайджест", "PhotoOfTheDay", "ФотоДня", "Анонс", "Announcement",
            "Travel", "Туризм", "Visa", "Виза", "Migration", "Миграция", "UNSC", "СБ_ООН", "IAEA", "МАГАТЭ",
            "Serbia", "Сербия", "India", "Индия", "Turkey", "Турция", "Kazakhstan", "Казахстан", "CIS", "СНГ",
            "EAEU", "ЕАЭС", "CSTO", "ОДКБ"};

    private static final String[] LATIN_TOPICS = {
            "Energy", "Trade", "Culture", "Security", "Climate", "Science", "Youth", "Health", "Media", "Tech",
            "Water", "Food", "Space", "Cyber", "Peace", "Art", "Film", "Music", "Book", "Green"};
    private static final String[] LATIN_KINDS = {"Forum", "Week", "Day", "Talks", "Summit", "Dialogue", "Expo", "Award"};
    private static final String[] CYRILLIC_TOPICS = {
            "Энергетика", "Торговля", "Культура", "Экология", "Медиа", "Кибербезопасность", "Космос", "Агро",
            "Наука", "Спорт", "Молодёжь", "Здоровье", "Кино", "Музыка", "Книги", "Образование"};
    private static final String[] CYRILLIC_KINDS = {"Форум", "Неделя", "День", "Саммит", "Диалог", "Выставка", "Премия"};

    /** A few hundred tags, by rank: the curated ones, then generated ones alternating Latin and Cyrillic. */
    static final String[] TAGS = buildTags(320);
    static final Zipf TAG_RANKS = Zipf.ranks(TAGS.length, 1.0);
    static final int VICTORY_DAY = indexOf("ДеньПобеды");

    private static String[] buildTags(int size) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String tag : CURATED_TAGS) {
            byKey.putIfAbsent(tag.toLowerCase(Locale.ROOT), tag);
        }
        List<String> latin = new ArrayList<>();
        List<String> cyrillic = new ArrayList<>();
        for (String kind : LATIN_KINDS) {
            for (String topic : LATIN_TOPICS) {
                latin.add(topic + kind);
            }
        }
        for (String kind : CYRILLIC_KINDS) {
            for (String topic : CYRILLIC_TOPICS) {
                cyrillic.add(topic + kind);
            }
        }
        for (int i = 0; byKey.size() < size && (i < latin.size() || i < cyrillic.size()); i++) {
            if (i < latin.size()) {
                byKey.putIfAbsent(latin.get(i).toLowerCase(Locale.ROOT), latin.get(i));
            }
            if (i < cyrillic.size() && byKey.size() < size) {
                byKey.putIfAbsent(cyrillic.get(i).toLowerCase(Locale.ROOT), cyrillic.get(i));
            }
        }
        return byKey.values().toArray(String[]::new);
    }

    private static int indexOf(String tag) {
        for (int i = 0; i < TAGS.length; i++) {
            if (TAGS[i].equals(tag)) {
                return i;
            }
        }
        throw new IllegalStateException("no tag " + tag);
    }

    /** The tag as someone typed it: mostly its usual spelling, sometimes lowercase or capitalised. */
    static String spelling(int tag, SplittableRandom rng) {
        String usual = TAGS[tag];
        double roll = rng.nextDouble();
        if (roll < 0.65) {
            return usual;
        }
        String lower = usual.toLowerCase(Locale.ROOT);
        if (roll < 0.90) {
            return lower;
        }
        return lower.substring(0, 1).toUpperCase(Locale.ROOT) + lower.substring(1);
    }
}
