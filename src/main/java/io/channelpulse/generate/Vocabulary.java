package io.channelpulse.generate;

/**
 * The short word lists of the synthetic posts (signatures, pinned titles, emoji, sites, reactions), apart from
 * {@link Tags} and {@link Sentences}, which have rules for how their words are combined.
 */
final class Vocabulary {

    private Vocabulary() {
    }

    static final String[][] SIGNATURES = {
            {"Press Office", "Anna K."}, {"Пресс-служба", "Дмитрий П."}, {"Editor", "Ольга С.", "Ivan M."}};

    static final String[] PINNED = {"Consular section notice", "Важная информация", "Contacts of the Embassy",
            "Правила записи на приём"};

    static final String[] PRIVATE_FORWARDS = {"Anna Petrova", "Иван Смирнов", "Press Service"};

    static final String[] EMOJI_PREFIXES = {"⚡️", "🇷🇺", "📍", "❗️", "🔹", "🎙", "📰", "🤝"};

    static final String[] SITES = {"mid.ru", "www.osce.org", "news.un.org", "www.nato.int", "tass.com", "ria.ru",
            "www.kremlin.ru"};

    static final String[] REACTIONS = {"👍", "❤", "🔥", "👏", "🤔", "😁", "😢", "🙏", "😡", "💯"};
    static final Zipf REACTION_RANKS = Zipf.ranks(REACTIONS.length, 1.2);
}
