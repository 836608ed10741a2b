package io.channelpulse.export;

/**
 * One CSV field as RFC 4180 writes it, made safe to open in a spreadsheet.
 *
 * <p>Text from channels is untrusted: a cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab
 * or a carriage return would be taken for a formula by Excel, LibreOffice or Google Sheets, so it gets a leading
 * {@code '} (the "formula guard"). Then a field that holds a comma, a double quote, a CR or a LF is enclosed in
 * double quotes with its quotes doubled. Numbers we format ourselves are written without the guard, so a
 * negative score stays a number.
 */
public final class CsvCell {

    private CsvCell() {
    }

    /** Untrusted text: guarded, then quoted where needed; null is an empty field. */
    public static String text(String value) {
        return quote(guard(value));
    }

    /** A value we formatted ourselves (a number, a time): quoted where needed, never guarded. */
    public static String plain(String value) {
        return quote(value);
    }

    /** The value with a leading {@code '} when a spreadsheet would read it as a formula. */
    public static String guard(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
    }

    /** RFC 4180: enclosed in double quotes, quotes doubled, when it holds a comma, quote, CR or LF. */
    public static String quote(String value) {
        if (value == null) {
            return "";
        }
        if (!needsQuotes(value)) {
            return value;
        }
        StringBuilder quoted = new StringBuilder(value.length() + 8).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted.append('"');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            switch (value.charAt(i)) {
                case ',', '"', '\r', '\n':
                    return true;
                default:
                    break;
            }
        }
        return false;
    }
}
