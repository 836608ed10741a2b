package io.channelpulse.analytics;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Telegram usernames a post names: {@code @handle} in its text and {@code t.me/handle} links in its text or link targets. */
public final class HandleMentions {

    private static final String USERNAME = "([A-Za-z][A-Za-z0-9_]{4,31})(?![A-Za-z0-9_])";
    // Not after a word character or '.', so "press@embassy.example" is an e-mail address, and not after
    // '/', so a web path such as "medium.com/@author" is not taken for a Telegram handle.
    private static final Pattern AT_HANDLE = Pattern.compile("(?<![\\p{L}\\p{N}_./])@" + USERNAME);
    private static final Pattern LINK = Pattern.compile(
            "(?<![\\p{L}\\p{N}_./@])(?i:(?:https?://)?(?:www\\.)?(?:t|telegram)\\.me/(?:s/)?)" + USERNAME);
    // Paths of t.me that are features, not channels; the short ones (c, iv, bg, m, +invite) never match USERNAME.
    private static final Set<String> RESERVED = Set.of(
            "joinchat", "addstickers", "addemoji", "addtheme", "addlist", "share", "proxy", "socks", "login",
            "setlanguage", "boost", "invoice", "contact", "confirmphone", "giftcode");

    private HandleMentions() {
    }

    /**
     * @param links the post's link targets (hrefs), which may name a channel the text only shows as a word
     * @return the distinct handles, lowercased and sorted
     */
    public static List<String> keys(String text, List<String> links) {
        TreeSet<String> handles = new TreeSet<>();
        if (text != null) {
            // The regexes try their look-behinds at every character; most texts have neither '@' nor a t.me link.
            if (text.indexOf('@') >= 0) {
                Matcher at = AT_HANDLE.matcher(text);
                while (at.find()) {
                    handles.add(at.group(1).toLowerCase(Locale.ROOT));
                }
            }
            collectLinked(text, handles);
        }
        if (links != null) {
            for (String link : links) {
                collectLinked(link, handles);
            }
        }
        return List.copyOf(handles);
    }

    private static void collectLinked(String text, Set<String> into) {
        if (!mayLink(text)) {
            return;
        }
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            String handle = m.group(1).toLowerCase(Locale.ROOT);
            if (!RESERVED.contains(handle)) {
                into.add(handle);
            }
        }
    }

    /** Whether the text holds ".me/" in any case, which every link {@link #LINK} matches has. */
    private static boolean mayLink(String text) {
        for (int dot = text.indexOf('.'); dot >= 0; dot = text.indexOf('.', dot + 1)) {
            if (text.regionMatches(true, dot + 1, "me/", 0, 3)) {
                return true;
            }
        }
        return false;
    }
}
