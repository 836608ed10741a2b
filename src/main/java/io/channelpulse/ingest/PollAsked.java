package io.channelpulse.ingest;

import jakarta.interceptor.Interceptor;

/** The registry wants the channel polled soon: it was just added or resumed, or someone asked. */
record PollAsked(long channelId) {

    /** At start the registry tracks the configured channels ... */
    static final int TRACK_CONFIGURED = Interceptor.Priority.APPLICATION + 400;

    /** ... before the poller's first round over every channel. */
    static final int FIRST_ROUND = Interceptor.Priority.APPLICATION + 500;
}
