package io.channelpulse.web;

import io.channelpulse.api.BadParameterException;
import io.channelpulse.ingest.telegram.ChannelHandle;

/** A post named in a path, {@code {handle}/{id}}, as the post's API and its page take it; anything else is a 400. */
public record PostAddress(String handle, long id) {

    public static PostAddress parse(String handle, String id) {
        String channel = ChannelHandle.parse(handle).orElseThrow(() ->
                new BadParameterException("handle", "'" + handle + "' is not a channel handle")).value();
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new BadParameterException("id", "'" + id + "' is not a post id");
        }
        if (number <= 0) {
            throw new BadParameterException("id", "'" + id + "' is not a post id");
        }
        return new PostAddress(channel, number);
    }
}
