package io.channelpulse.terms;

/**
 * One term of a post's text: a stemmed word ({@value #WORD}) or a name candidate ({@value #NAME}), with its key
 * (the stem, or the stems of a name's words joined by a space) and the form it was written in.
 */
public record Term(String kind, String key, String form) {

    public static final String WORD = "word";
    public static final String NAME = "name";
}
