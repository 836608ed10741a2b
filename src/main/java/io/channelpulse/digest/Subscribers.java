package io.channelpulse.digest;

import io.channelpulse.api.BadParameterException;
import io.channelpulse.store.DigestSubscriber;
import io.channelpulse.store.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The digest subscribers: the checks on the way in, and the {@link DigestSubscriber} rows as the API shows them. */
@ApplicationScoped
public class Subscribers {

    /** Something@domain.tld without spaces: what a mail server will take, not a full RFC 5322 parser. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\",;]+@[^@\\s<>\",;]+\\.[^@\\s<>\",;.]+");

    public record Saved(Subscriber subscriber, boolean created) {
    }

    @Inject
    Sql db;

    /** Checks the address and the channels (each must be tracked), then adds or re-activates the subscriber. */
    public Saved subscribe(String email, List<String> channels) {
        return subscribe(email, channels, null);
    }

    /** As {@link #subscribe(String, List)}; {@code alerts} null keeps what an existing subscriber had (new: off). */
    public Saved subscribe(String email, List<String> channels, Boolean alerts) {
        String address = email == null ? "" : email.strip();
        if (address.isEmpty()) {
            throw new BadParameterException("email", "is required, e.g. {\"email\": \"you@example.org\"}");
        }
        if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
            throw new BadParameterException("email", "'" + address + "' is not an e-mail address like you@example.org");
        }
        List<String> handles = canonicalHandles(channels);
        Optional<Subscriber> updated = QuarkusTransaction.requiringNew().call(() -> resubscribe(address, handles, alerts));
        if (updated.isPresent()) {
            return new Saved(updated.get(), false);
        }
        try {
            return new Saved(QuarkusTransaction.requiringNew().call(() -> {
                DigestSubscriber added = new DigestSubscriber();
                added.email = address;
                added.channels = handles;
                added.alerts = Boolean.TRUE.equals(alerts);
                added.persistAndFlush();
                return read(added);
            }), true);
        } catch (PersistenceException e) {
            // added by someone else in between: the unique index on lower(email) refused this one
            return new Saved(QuarkusTransaction.requiringNew().call(() -> resubscribe(address, handles, alerts))
                    .orElseThrow(() -> e), false);
        }
    }

    private static Optional<Subscriber> resubscribe(String address, List<String> handles, Boolean alerts) {
        return DigestSubscriber.findByEmail(address).map(existing -> {
            existing.channels = handles;
            existing.unsubscribedAt = null;
            if (alerts != null) {
                existing.alerts = alerts;
            }
            return read(existing);
        });
    }

    /** Null for no filter; otherwise the tracked handles as stored, or a 400 naming the unknown ones. */
    private List<String> canonicalHandles(List<String> channels) {
        if (channels == null || channels.isEmpty()) {
            return null;
        }
        Map<String, String> known = new TreeMap<>();
        for (String[] row : db.list("SELECT lower(handle), handle FROM channels",
                rs -> new String[]{rs.getString(1), rs.getString(2)})) {
            known.put(row[0], row[1]);
        }
        List<String> handles = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String channel : channels) {
            String handle = channel == null ? "" : channel.strip().replaceFirst("^@", "");
            String stored = known.get(handle.toLowerCase(Locale.ROOT));
            if (stored == null) {
                unknown.add("'" + (channel == null ? "" : channel) + "'");
            } else if (!handles.contains(stored)) {
                handles.add(stored);
            }
        }
        if (!unknown.isEmpty()) {
            throw new BadParameterException("channels", String.join(", ", unknown) + " not tracked; a subscriber can "
                    + "only be narrowed to tracked channels (see GET /api/channels)");
        }
        return handles;
    }

    @Transactional
    public List<Subscriber> list() {
        return DigestSubscriber.listByEmail().stream().map(Subscribers::read).toList();
    }

    @Transactional
    public Optional<Subscriber> find(long id) {
        return DigestSubscriber.<DigestSubscriber>findByIdOptional(id).map(Subscribers::read);
    }

    @Transactional
    public boolean delete(long id) {
        return DigestSubscriber.deleteById(id);
    }

    /** Marks the subscriber unsubscribed (keeping the first time); false if there is none. */
    @Transactional
    public boolean unsubscribe(long id) {
        return DigestSubscriber.<DigestSubscriber>findByIdOptional(id).map(subscriber -> {
            if (subscriber.unsubscribedAt == null) {
                subscriber.unsubscribedAt = Instant.now();
            }
            return true;
        }).orElse(false);
    }

    private static Subscriber read(DigestSubscriber row) {
        return new Subscriber(row.id, row.email, row.channels == null ? null : List.copyOf(row.channels), row.alerts,
                row.createdAt, row.unsubscribedAt);
    }
}
