package io.channelpulse.ingest.telegram;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the abbreviated counts Telegram shows for subscribers, views and reactions: {@code 6.99K}, {@code 1.2M}, {@code 12 345}. */
public final class CounterValue {

    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:[.,]\\d+)*)([KMB]?)", Pattern.CASE_INSENSITIVE);

    private CounterValue() {
    }

    /**
     * @return the count, or null when {@code raw} is null or blank
     * @throws NumberFormatException when {@code raw} is not a count
     */
    public static Long parse(String raw) {
        if (raw == null) {
            return null;
        }
        String compact = withoutSpaces(raw);
        if (compact.isEmpty()) {
            return null;
        }
        Matcher m = FORMAT.matcher(compact);
        if (!m.matches()) {
            throw new NumberFormatException("not a count: \"" + raw + "\"");
        }
        try {
            return value(m.group(1), m.group(2).toUpperCase(Locale.ROOT)).longValueExact();
        } catch (ArithmeticException e) {
            throw new NumberFormatException("count too large: \"" + raw + "\"");
        }
    }

    /** Like {@link #parse(String)}, naming {@code what} was unreadable in the page's error. */
    static Long parse(String raw, String what) throws PreviewPageException {
        try {
            return parse(raw);
        } catch (NumberFormatException e) {
            throw new PreviewPageException(what + " is not a count: \"" + raw + "\"");
        }
    }

    private static BigDecimal value(String digits, String suffix) {
        if (suffix.isEmpty()) {
            // A count without a suffix is whole, so a '.' or ',' in it can only group thousands.
            return new BigDecimal(digits.replace(",", "").replace(".", ""));
        }
        int exponent = switch (suffix) {
            case "K" -> 3;
            case "M" -> 6;
            default -> 9;
        };
        return new BigDecimal(digits.replace(',', '.')).scaleByPowerOfTen(exponent).setScale(0, RoundingMode.HALF_UP);
    }

    // Character.isWhitespace misses the no-break spaces (U+00A0, U+202F) used as digit group separators.
    private static String withoutSpaces(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
