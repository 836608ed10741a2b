package io.channelpulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameMatcherTest {

    /** The starter watchlist, as seeded by db/migrations/V3__starter_watchlist.sql (checked below). */
    static final List<WatchedEntity> STARTER = List.of(
            new WatchedEntity("lavrov", "Sergey Lavrov",
                    List.of("Lavrov", "Sergey Lavrov", "Sergei Lavrov", "Лавров", "Сергей Лавров")),
            new WatchedEntity("putin", "Vladimir Putin", List.of("Putin", "Vladimir Putin", "Путин", "Владимир Путин")),
            new WatchedEntity("zakharova", "Maria Zakharova",
                    List.of("Zakharova", "Maria Zakharova", "Захарова", "Мария Захарова")),
            new WatchedEntity("nato", "NATO", List.of("NATO", "North Atlantic Alliance",
                    "North Atlantic Treaty Organization", "НАТО", "Североатлантический альянс")),
            new WatchedEntity("eu", "European Union",
                    List.of("EU", "European Union", "ЕС", "Евросоюз", "Европейский союз")),
            new WatchedEntity("un", "United Nations",
                    List.of("UN", "United Nations", "ООН", "Организация Объединённых Наций")),
            new WatchedEntity("osce", "OSCE", List.of("OSCE", "Organization for Security and Co-operation in Europe",
                    "Organization for Security and Cooperation in Europe", "ОБСЕ",
                    "Организация по безопасности и сотрудничеству в Европе")),
            new WatchedEntity("usa", "United States",
                    List.of("USA", "US", "U.S.", "United States", "США", "Соединённые Штаты")),
            new WatchedEntity("ukraine", "Ukraine", List.of("Ukraine", "Украина")),
            new WatchedEntity("belarus", "Belarus", List.of("Belarus", "Беларусь", "Беларуси", "Белоруссия")),
            new WatchedEntity("china", "China", List.of("China", "PRC", "Китай", "Китая", "КНР")));

    private static final NameMatcher MATCHER = NameMatcher.of(STARTER);

    @ParameterizedTest(name = "[{index}] {0} -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # English forms
            Lavrov                                                   | lavrov
            Sergey Lavrov said                                       | lavrov
            Sergei Lavrov, the minister                              | lavrov
            Foreign Minister Sergey Lavrov’s opening remarks         | lavrov
            Sergey Lavrov's interview                                | lavrov
            LAVROV SPEAKS                                            | lavrov
            Putin’s decree                                           | putin
            Zakharova's briefing                                     | zakharova
            Ukraine's grain                                          | ukraine
            China's position                                         | china
            # Russian forms
            Лавров заявил                                            | lavrov
            заявление Лаврова                                        | lavrov
            письмо Лаврову                                           | lavrov
            встреча с Лавровым                                       | lavrov
            интервью о Лаврове                                       | lavrov
            интервью о Лавровe (a Latin e)                           | lavrov
            Сергей Лавров                                            | lavrov
            указ Путина                                              | putin
            Путину доложили                                          | putin
            встреча с Путиным                                        | putin
            Владимира Путина                                         | putin
            брифинг Марии Захаровой                                  | zakharova
            Захарову спросили                                        | zakharova
            в Украине                                                | ukraine
            на Украину                                               | ukraine
            границы Украины                                          | ukraine
            Беларусь и Белоруссия                                    | belarus
            в Беларуси                                               | belarus
            в Белоруссии                                             | belarus
            с Беларусью                                              | belarus
            МИД Китая                                                | china
            Китаю и Китаем                                           | china
            председатель КНР                                         | china
            PRC officials                                            | china
            # phrases
            European Union                                           | eu
            the European Union’s recent decision                     | eu
            United Nations                                           | un
            North Atlantic Alliance                                  | nato
            Североатлантического альянса                             | nato
            Организация Объединённых Наций                           | un
            Генсек Организации Объединенных Наций                    | un
            Европейского союза и Евросоюзу                           | eu
            Соединённые Штаты                                        | usa
            Соединенных Штатов                                       | usa
            the United States'                                       | usa
            Organization for Security and Co-operation in Europe     | osce
            Организации по безопасности и сотрудничеству в Европе    | osce
            "Union, the nations united"                              | ""
            Объединённых Наций без организации                       | ""
            # hashtags
            "#НАТО"                                                  | nato
            "#Lavrov"                                                | lavrov
            "#OSCE"                                                  | osce
            "#osce"                                                  | osce
            "#Лавров_МИД"                                            | lavrov
            "#RussiaUSA"                                             | ""
            # case and short acronyms
            NATO Nato nato NATO's                                    | nato
            НАТО и Нато                                              | nato
            ОБСЕ                                                     | osce
            Osce                                                     | osce
            US                                                       | usa
            U.S. sanctions                                           | usa
            USA                                                      | usa
            США                                                      | usa
            UN                                                       | un
            UN's envoy                                               | un
            ООН                                                      | un
            EU                                                       | eu
            ЕС                                                       | eu
            let us know                                              | ""
            un verre de vin                                          | ""
            eu sou                                                   | ""
            usa (lowercase)                                          | ""
            есть мнение                                              | ""
            # near misses
            UNESCO                                                   | ""
            Unionist                                                 | ""
            Eustace                                                  | ""
            Europe                                                   | ""
            Ukrainian                                                | ""
            Chinese                                                  | ""
            Lavrova (a different name in Latin script)               | ""
            Захаров                                                  | ""
            Киево-Печерская лавра                                    | ""
            почивать на лаврах                                       | ""
            Ната пришла                                              | ""
            кит выбросился на берег                                  | ""
            путинизм                                                 | ""
            Putinism                                                 | putin
            # e-mail addresses and handles
            lavrov@mid.ru                                            | ""
            press@nato.int                                           | ""
            sergey.lavrov@mid.ru                                     | ""
            @Lavrov                                                  | ""
            "@mfa_russia, @NATO_press"                               | ""
            "Lavrov (lavrov@mid.ru)"                                 | lavrov
            # several names, repeats
            "NATO expansion, the European Union’s recent decision"   | eu nato
            Лавров: Россия открыта для диалога с США на равноправной основе. #Лавров #МИД | lavrov usa
            "including the #UN, the #OSCE, #UNESCO"                  | osce un
            Lavrov met Lavrov's deputy; Лавров said                  | lavrov
            "Putin, Xi (PRC) and the US on Ukraine, Belarus; NATO and the EU" | belarus china eu nato putin ukraine usa
            Захарова: заявления Евросоюза о Белоруссии и Китае       | belarus china eu zakharova
            ""                                                       | ""
            "   "                                                    | ""
            """)
    void keys(String text, String expected) {
        List<String> keys = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" "));
        assertThat(MATCHER.keys(text)).isEqualTo(keys);
    }

    @Test
    void nullTextNamesNothing() {
        assertThat(MATCHER.keys(null)).isEmpty();
        assertThat(NameMatcher.tokens(null)).isEmpty();
    }

    @Test
    void tokensAreNormalisedStems() {
        assertThat(NameMatcher.tokens("Lavrov’s #НАТО «Ёлки» US-China lavrov@mid.ru 2024"))
                .containsExactly("lavrov", "нат", "елк", "us", "china", "2024");
        assertThat(NameMatcher.tokens("#RussiaUSA")).containsExactly("russiausa");
    }

    @Test
    void shortAcronymsOfAnEditedWatchlistMatchExactly() {
        NameMatcher matcher = NameMatcher.of(List.of(
                new WatchedEntity("mfa", "Russian MFA", List.of("МИД", "MFA", "Foreign Ministry")),
                new WatchedEntity("blank", "Nothing", List.of("", " -- "))));
        assertThat(matcher.keys("#МИД")).containsExactly("mfa");
        assertThat(matcher.keys("мид")).isEmpty();
        assertThat(matcher.keys("the Foreign Ministry's statement")).containsExactly("mfa");
        assertThat(NameMatcher.of(List.of()).keys("Lavrov")).isEmpty();
    }

    @Test
    void sharedBetweenThreads() {
        List<String> texts = List.of("Лавров и Путин", "NATO, EU", "#Китай", "nothing here");
        List<List<String>> expected = texts.stream().map(MATCHER::keys).toList();
        IntStream.range(0, 20_000).parallel().forEach(i -> {
            int k = i % texts.size();
            assertThat(MATCHER.keys(texts.get(k))).isEqualTo(expected.get(k));
        });
    }

    @Test
    void starterListIsTheSeededWatchlist() throws IOException {
        String sql;
        try (InputStream in = getClass().getResourceAsStream("/db/migrations/V3__starter_watchlist.sql")) {
            assertThat(in).as("V3__starter_watchlist.sql on the class path").isNotNull();
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<WatchedEntity> seeded = new ArrayList<>();
        Matcher row = Pattern.compile("\\('([a-z0-9_]+)',\\s*'((?:[^']|'')*)',\\s*ARRAY\\[(.*?)]\\)", Pattern.DOTALL)
                .matcher(sql);
        Pattern literal = Pattern.compile("'((?:[^']|'')*)'");
        while (row.find()) {
            List<String> aliases = new ArrayList<>();
            Matcher alias = literal.matcher(row.group(3));
            while (alias.find()) {
                aliases.add(alias.group(1).replace("''", "'"));
            }
            seeded.add(new WatchedEntity(row.group(1), row.group(2).replace("''", "'"), aliases));
        }
        assertThat(seeded).isEqualTo(STARTER);
        assertThat(seeded).extracting(WatchedEntity::key).contains(
                "lavrov", "putin", "zakharova", "nato", "eu", "un", "osce", "usa", "ukraine", "belarus", "china");
    }
}
