package io.channelpulse.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Request slots for a host from one egress address, kept in the database so that every instance sending from
 * that address takes turns: each request reserves the next free start time and pushes the following one a gap
 * later. Instances with addresses of their own have slots of their own. The database's clock decides, so
 * instances whose clocks differ still keep the gap. The table is unlogged: a slot is worth nothing after a crash.
 */
@ApplicationScoped
public class RequestPacing {

    @Inject
    DataSource dataSource;

    /** Reserves the next slot for a request from {@code egress} to {@code host}; how long to wait before sending it. */
    public Duration reserve(String egress, String host, Duration gap) {
        // a first request finds no row and goes at once; later ones start a gap after the last reserved start
        try (Connection connection = dataSource.getConnection();
             PreparedStatement reserve = connection.prepareStatement("""
                     INSERT INTO request_pacing AS p (egress, host, next_at)
                     VALUES (?, ?, clock_timestamp() + make_interval(secs => ?))
                     ON CONFLICT (egress, host) DO UPDATE
                         SET next_at = GREATEST(p.next_at, clock_timestamp()) + make_interval(secs => ?)
                     RETURNING GREATEST(extract(epoch FROM next_at - clock_timestamp()) - ?, 0)""")) {
            double seconds = gap.toNanos() / 1e9;
            reserve.setString(1, egress);
            reserve.setString(2, host);
            reserve.setDouble(3, seconds);
            reserve.setDouble(4, seconds);
            reserve.setDouble(5, seconds);
            try (ResultSet rs = reserve.executeQuery()) {
                rs.next();
                return Duration.ofNanos(Math.round(rs.getDouble(1) * 1e9));
            }
        } catch (SQLException e) {
            throw new StoreException("Could not reserve a request slot for " + host + " from " + egress, e);
        }
    }
}
