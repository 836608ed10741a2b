package io.channelpulse.web.pages;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class WatchKeyTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Рафаэль Гросси                   | rafael_grossi
            Security Council                 | security_council
            Щёкино                           | shchekino
            Nguyễn Phú Trọng                 | nguyen_phu_trong
            Нью-Йорк                         | nyu_york
            中国                              | name
            Организация Объединённых Наций X | organizatsiya_obedinennykh_natsiy_x
            """)
    void suggestsAnAsciiKey(String name, String key) {
        assertThat(WatchKey.of(name)).isEqualTo(key).matches("[a-z0-9_]{1,40}");
    }
}
