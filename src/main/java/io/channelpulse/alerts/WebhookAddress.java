package io.channelpulse.alerts;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a webhook may POST: http or https only, and never a link-local address, which is where cloud metadata
 * services answer (169.254.169.254, fd00:ec2::254 and the like) with credentials a webhook must not reach.
 * Loopback and private addresses stay allowed: a team's own receiver often runs beside the app. Pure: the caller
 * resolves names, so the same rule judges the registered URL, every address it resolves to at delivery, and
 * every redirect target.
 */
final class WebhookAddress {

    /** AWS's IPv6 metadata address: in the private fc00::/7 range, so it needs naming on its own. */
    private static final InetAddress AWS_IPV6_METADATA = literal("fd00:ec2::254");

    private WebhookAddress() {
    }

    /** The URL as a URI, or why it cannot be a webhook (scheme, host, form); addresses are judged by {@link #refusal}. */
    static URI parse(String url) {
        String text = url == null ? "" : url.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("is required, e.g. https://receiver.example.org/pulse");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("'" + text + "' must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has no host name");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + text + "' carries a user name; put credentials in the secret");
        }
        return uri;
    }

    /** The host as an address if it is an IP literal (brackets of IPv6 removed), without any DNS lookup. */
    static Optional<InetAddress> literalHost(URI uri) {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            // a zone (fe80::1%25eth0) names an interface, not another address: the address is judged without it
            String address = host.substring(1, host.length() - 1);
            return Optional.of(literal(address.contains("%") ? address.substring(0, address.indexOf('%')) : address));
        }
        if (host.matches("[0-9.]+") || host.contains(":")) {
            return Optional.of(literal(host));
        }
        return Optional.empty();
    }

    /** Looks a host name up: InetAddress.getAllByName in the app, a table in tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * Every address the URL's host stands for, if a webhook may connect to all of them; otherwise why not. One
     * refused address refuses the host: a name that also points at the metadata service is not to be trusted.
     */
    static List<InetAddress> addresses(URI uri, Resolver resolver) {
        Optional<InetAddress> literal = literalHost(uri);
        List<InetAddress> addresses;
        if (literal.isPresent()) {
            addresses = List.of(literal.get());
        } else {
            try {
                addresses = List.of(resolver.resolve(uri.getHost()));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + uri.getHost() + "' does not resolve to an address");
            }
        }
        for (InetAddress address : addresses) {
            Optional<String> refused = refusal(address);
            if (refused.isPresent()) {
                throw new IllegalArgumentException(literal.isPresent()
                        ? address.getHostAddress() + " is " + refused.get()
                        : "'" + uri.getHost() + "' resolves to " + address.getHostAddress() + ", " + refused.get());
            }
        }
        return addresses;
    }

    /** Why a webhook may not connect to this address ("a link-local address ..."), or empty if it may. */
    static Optional<String> refusal(InetAddress address) {
        InetAddress judged = embeddedIpv4(address).orElse(address);
        if (judged.isLinkLocalAddress()) {
            return Optional.of((judged == address ? "" : "standing for " + judged.getHostAddress() + ", ")
                    + "a link-local address (" + (judged instanceof Inet4Address ? "169.254.0.0/16" : "fe80::/10")
                    + "), where cloud metadata services answer; webhooks may not reach it");
        }
        if (judged.equals(AWS_IPV6_METADATA)) {
            return Optional.of("a cloud metadata address; webhooks may not reach it");
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address an IPv6 one stands for, where the network would route it to that IPv4 address: NAT64's
     * 64:ff9b::/96 and the deprecated IPv4-compatible ::a.b.c.d (Java already turns ::ffff:a.b.c.d into IPv4).
     */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        boolean nat64 = bytes[0] == 0 && bytes[1] == 0x64 && bytes[2] == (byte) 0xff && bytes[3] == (byte) 0x9b
                && zero(bytes, 4, 12);
        boolean compatible = zero(bytes, 0, 12) && !zero(bytes, 12, 16)
                && !(zero(bytes, 12, 15) && bytes[15] == 1); // ::1 is loopback, not 0.0.0.1
        if (!nat64 && !compatible) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(new byte[]{bytes[12], bytes[13], bytes[14], bytes[15]}));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean zero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** An IP literal as an address; never a DNS lookup, since the text is checked to be one first. */
    private static InetAddress literal(String text) {
        if (!text.matches("[0-9.]+|[0-9a-fA-F:.%]+")) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
    }
}
