package io.channelpulse.alerts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookAddressTest {

    /** Stands for DNS: names as a team's and an attacker's zone might publish them. */
    private static final Map<String, String> DNS = Map.of(
            "receiver.example.org", "203.0.113.7",
            "beside.example.org", "10.0.0.12",
            "metadata.example.org", "169.254.169.254",
            "v6metadata.example.org", "fe80::a9fe:a9fe");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String address = DNS.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[]{InetAddress.getByName(address)};
    }

    @ParameterizedTest(name = "{0} allowed")
    @CsvSource({
            "https://receiver.example.org/pulse",
            "http://beside.example.org:8080/hook",
            "http://127.0.0.1:9000/",
            "http://[::1]:9000/",
            "http://192.168.1.20/",
            "http://172.16.5.5/",
            "http://[fd12::1]/",
            "http://169.253.255.255/",
            "http://169.255.0.1/",
            "http://[fec0::1]/"})
    void allowed(String url) {
        assertThat(WebhookAddress.addresses(WebhookAddress.parse(url), WebhookAddressTest::resolve)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "http://169.254.169.254/latest/meta-data/ | 169.254.169.254 is a link-local address (169.254.0.0/16)",
            "http://169.254.0.1/ | 169.254.0.1 is a link-local address",
            "http://2852039166/ | 169.254.169.254 is a link-local address",
            "http://unknown.example.org/ | unknown.example.org' does not resolve",
            "http://[fe80::1]/ | fe80:0:0:0:0:0:0:1 is a link-local address (fe80::/10)",
            "http://[fe80::1%25eth0]:80/ | fe80:0:0:0:0:0:0:1 is a link-local address (fe80::/10)",
            "http://[febf::1]/ | link-local address (fe80::/10)",
            "http://[::ffff:169.254.169.254]/ | 169.254.169.254 is a link-local address",
            "http://[64:ff9b::a9fe:a9fe]/ | 64:ff9b:0:0:0:0:a9fe:a9fe is standing for 169.254.169.254, a link-local",
            "http://[::169.254.169.254]/ | is standing for 169.254.169.254, a link-local address",
            "http://[fd00:ec2::254]/ | is a cloud metadata address",
            "http://metadata.example.org/ | metadata.example.org' resolves to 169.254.169.254, a link-local address",
            "http://v6metadata.example.org/ | resolves to fe80:0:0:0:0:0:a9fe:a9fe, a link-local address (fe80::/10)"})
    void refused(String url, String why) {
        URI uri = WebhookAddress.parse(url);
        assertThatThrownBy(() -> WebhookAddress.addresses(uri, WebhookAddressTest::resolve)).hasMessageContaining(why);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "ftp://receiver.example.org/ | must be an http or https URL",
            "file:///etc/passwd | must be an http or https URL",
            "gopher://127.0.0.1:6379/ | must be an http or https URL",
            "receiver.example.org/pulse | must be an http or https URL",
            "http:///nohost | has no host name",
            "http://user:pass@receiver.example.org/ | carries a user name",
            "'' | is required",
            "http://exa mple.org/ | is not a URL"})
    void notAWebhookUrl(String url, String why) {
        assertThatThrownBy(() -> WebhookAddress.parse(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }
}
