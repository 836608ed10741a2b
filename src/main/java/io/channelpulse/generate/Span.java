package io.channelpulse.generate;

/** The period the posts fall in, so that every channel's plan and stream cut it into the same UTC days. */
record Span(long fromEpoch, long nowEpoch, long firstMidnight, int days) {

    static final long DAY = 86_400;
}
