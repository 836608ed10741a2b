package io.channelpulse.digest;

import io.channelpulse.api.BadParameterException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The digest subscribers, read and written straight with JDBC. */
@ApplicationScoped
public class Subscribers {

    /** Something@domain.tld without spaces: what a mail server will take, not a full RFC 5322 parser. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\",;]+@[^@\\s<>\",;]+\\.[^@\\s<>\",;.]+");

    private static final String COLUMNS = "id, email, channels, alerts, created_at, unsubscribed_at";

    public record Saved(Subscriber subscriber, boolean created) {
    }

    @Inject
    DataSource dataSource;

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
        String[] handles = canonicalHandles(channels);
        List<Subscriber> updated = Jdbc.query(dataSource, "UPDATE digest_subscribers SET channels = ?, unsubscribed_at = NULL, "
                + "alerts = COALESCE(?, alerts) WHERE lower(email) = lower(?) RETURNING " + COLUMNS, Subscribers::read,
                handles, alerts, address);
        if (!updated.isEmpty()) {
            return new Saved(updated.get(0), false);
        }
        List<Subscriber> inserted = Jdbc.query(dataSource, "INSERT INTO digest_subscribers (email, channels, alerts) "
                + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING " + COLUMNS, Subscribers::read, address, handles,
                Boolean.TRUE.equals(alerts));
        if (inserted.isEmpty()) { // added by someone else in between
            return new Saved(byEmail(address).orElseThrow(), false);
        }
        return new Saved(inserted.get(0), true);
    }

    /** Null for no filter; otherwise the tracked handles as stored, or a 400 naming the unknown ones. */
    private String[] canonicalHandles(List<String> channels) {
        if (channels == null || channels.isEmpty()) {
            return null;
        }
        Map<String, String> known = new TreeMap<>();
        for (String[] row : Jdbc.query(dataSource, "SELECT lower(handle), handle FROM channels",
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
        return handles.toArray(String[]::new);
    }

    public List<Subscriber> list() {
        return Jdbc.query(dataSource, "SELECT " + COLUMNS + " FROM digest_subscribers ORDER BY lower(email), id",
                Subscribers::read);
    }

    public Optional<Subscriber> find(long id) {
        return Jdbc.query(dataSource, "SELECT " + COLUMNS + " FROM digest_subscribers WHERE id = ?", Subscribers::read, id)
                .stream().findFirst();
    }

    private Optional<Subscriber> byEmail(String email) {
        return Jdbc.query(dataSource, "SELECT " + COLUMNS + " FROM digest_subscribers WHERE lower(email) = lower(?)",
                Subscribers::read, email).stream().findFirst();
    }

    public boolean delete(long id) {
        return Jdbc.update(dataSource, "DELETE FROM digest_subscribers WHERE id = ?", id) == 1;
    }

    /** Marks the subscriber unsubscribed (keeping the first time); false if there is none. */
    public boolean unsubscribe(long id) {
        return Jdbc.update(dataSource, "UPDATE digest_subscribers SET unsubscribed_at = COALESCE(unsubscribed_at, now()) "
                + "WHERE id = ?", id) == 1;
    }

    static Subscriber read(ResultSet rs) throws SQLException {
        java.sql.Timestamp unsubscribed = rs.getTimestamp(6);
        return new Subscriber(rs.getLong(1), rs.getString(2), Jdbc.strings(rs.getArray(3)), rs.getBoolean(4),
                rs.getTimestamp(5).toInstant(), unsubscribed == null ? null : unsubscribed.toInstant());
    }
}
