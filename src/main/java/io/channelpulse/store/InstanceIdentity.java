package io.channelpulse.store;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.UUID;

/**
 * This process among every instance on the database, written wherever an instance is named (the channel a poll
 * is running on). A random UUID per start makes it unique even for two containers with one host name and port,
 * or a host whose name cannot be read; host and pid are there for the people reading it.
 */
@ApplicationScoped
public class InstanceIdentity {

    private final String name = hostName() + " pid " + ProcessHandle.current().pid() + " " + UUID.randomUUID();

    public String name() {
        return name;
    }

    /** This machine's name (a container's own), also the default egress name of requests to Telegram. */
    public static String hostName() {
        return Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "unknown-host";
            }
        });
    }
}
