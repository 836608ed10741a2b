package io.channelpulse.imports;

import io.channelpulse.store.Channel;
import io.channelpulse.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The channel an import goes to, and the tracked channels an export's forwards may name. */
@ApplicationScoped
class ImportChannels {

    /** The channel an import goes to. */
    record Target(long id, String handle, String title) {
    }

    @Inject
    Sql db;

    @Transactional
    Optional<Target> channel(String handle) {
        return Channel.findByHandle(handle).map(c -> new Target(c.id, c.handle, c.title));
    }

    /** The channel, created paused with source import (it has no preview to poll) when it is not tracked. */
    @Transactional
    Target channelForImport(String handle, String title) {
        // an insert that does nothing when another import or the admin adds the channel at the same moment
        db.update("""
                INSERT INTO channels (handle, title, status, source) VALUES (?, ?, 'paused', 'import')
                ON CONFLICT (lower(handle)) DO NOTHING""", handle, title);
        return channel(handle).orElseThrow();
    }

    /**
     * Tracked channels by title, for forwards: an export names a forward's source only by its display name.
     * A title two channels share names neither.
     */
    @Transactional
    Map<String, String> handlesByTitle() {
        Map<String, String> handles = new HashMap<>();
        Set<String> shared = new HashSet<>();
        db.forEach("SELECT title, handle FROM channels WHERE title IS NOT NULL", List.of(), rs -> {
            if (handles.put(rs.getString(1), rs.getString(2)) != null) {
                shared.add(rs.getString(1));
            }
        });
        shared.forEach(handles::remove);
        return handles;
    }
}
