package io.channelpulse.store;

import java.util.Collection;

/**
 * A list as PostgreSQL's text form of an array ({@code {"a","b \"c\""}}), for an array column of rows passed through
 * unnest, which cannot take an array of arrays of different lengths: each row's array is one text element, cast back
 * in the statement.
 */
public final class ArrayLiteral {

    private ArrayLiteral() {
    }

    /** Text values, each quoted; null as NULL. */
    public static String ofTexts(Collection<String> values) {
        StringBuilder literal = new StringBuilder(2 + values.size() * 16).append('{');
        boolean first = true;
        for (String value : values) {
            if (!first) {
                literal.append(',');
            }
            first = false;
            if (value == null) {
                literal.append("NULL");
                continue;
            }
            literal.append('"');
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                if (ch == '"' || ch == '\\') {
                    literal.append('\\');
                }
                literal.append(ch);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }

    /** Integers. */
    public static String ofInts(Collection<Integer> values) {
        StringBuilder literal = new StringBuilder(2 + values.size() * 3).append('{');
        boolean first = true;
        for (Integer value : values) {
            if (!first) {
                literal.append(',');
            }
            first = false;
            literal.append(value);
        }
        return literal.append('}').toString();
    }
}
