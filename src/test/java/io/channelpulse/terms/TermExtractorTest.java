package io.channelpulse.terms;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Words and name candidates of a text: stems in both languages, stop words, what is left out. */
class TermExtractorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # text                                                  | word keys, in order
            Санкции против банков                                   | санкц прот банк
            санкций, санкциями и санкции                            | санкц
            The sanctions were imposed on banks                     | sanction impos bank
            running runs ran                                        | run ran
            и в на не что он она это                                | -
            the a of and is was                                     | -
            В 2024 году 15 000 человек                              | год
            5G and COVID-19 in 2025                                 | covid
            Read https://example.com/news/sanctions now             | read now
            Смотрите www.kremlin.ru/events и t.me/rian_ru/12345     | смотр
            Source: reuters.com/world today                         | sourc today
            Пишите @rian_ru или press@mid.ru                        | пиш
            #Санкции и #OSCE сегодня обсуждали                      | обсужда
            Ёлка и елка                                             | елк
            Нью-Йорк и Санкт-Петербург                              | нью-йорк санкт-петербург
            Lavrov’s talks and Lavrov's visit                       | lavrov talk visit
            """)
    void words(String text, String expected) {
        List<String> keys = TermExtractor.terms(text).stream().filter(t -> t.kind().equals(Term.WORD)).map(Term::key).toList();
        assertThat(keys).isEqualTo(expected == null ? List.of() : Arrays.asList(expected.split(" ")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # text                                                          | name forms, ';' between
            Глава МАГАТЭ Рафаэль Гросси прибыл в Киев                       | МАГАТЭ Рафаэль Гросси;Киев
            Рафаэль Гросси прибыл на станцию                                | Рафаэль Гросси
            Гросси прибыл на станцию                                        | -
            Вчера прибыл Гросси. Гросси встретился с Зеленским              | Гросси;Зеленским
            The head of the Security Council said Grossi would travel       | Security Council;Grossi
            Officials said.\\nGrossi will come                              | -
            He met Biden, Macron and Scholz                                 | Biden;Macron;Scholz
            Breaking: Biden Meets Putin In Geneva Today                     | -
            They met in «Газпроме» yesterday                                | Газпроме
            Contact @Grossi or see https://Grossi.example.com               | -
            Tags #Grossi #Гросси only                                       | -
            She said The Hague ruled                                        | Hague
            Путин и Путину и Путина                                         | Путину
            """)
    void names(String text, String expected) {
        List<String> forms = TermExtractor.terms(text.replace("\\n", "\n")).stream()
                .filter(t -> t.kind().equals(Term.NAME)).map(Term::form).toList();
        assertThat(forms).isEqualTo(expected == null ? List.of() : Arrays.asList(expected.split(";")));
    }

    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Рафаэль Гросси заявил      | встреча с Рафаэлем Гросси
            приехал Гросси             | встреча с Гросси
            said Security Council      | the Security Council's statement
            """)
    void aNameInAnotherWordFormHasTheSameKey(String one, String other) {
        assertThat(nameKeys(one)).isNotEmpty().isEqualTo(nameKeys(other));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Санкции, санкции и ещё раз санкции  | 1
            sanctions Sanctions SANCTIONS       | 1
            """)
    void aPostCountsOncePerTerm(String text, int words) {
        assertThat(TermExtractor.terms(text).stream().filter(t -> t.kind().equals(Term.WORD))).hasSize(words);
    }

    private static List<String> nameKeys(String text) {
        return TermExtractor.terms(text).stream().filter(t -> t.kind().equals(Term.NAME)).map(Term::key).toList();
    }
}
