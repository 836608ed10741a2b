package io.channelpulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HashtagsTest {

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '|', value = {
            "#OSCE #osce #Osce                | osce",
            "Cyrillic #СВО and #свО           | сво",
            "#Победа78                        | победа78",
            "#ДеньПобеды #Победа78            | деньпобеды победа78",
            "#UN, #OSCE; #CIS!                | cis osce un",
            "(#NATO) and #NATO.               | nato",
            "#snake_case                      | snake_case",
            "#2023year                        | 2023year",
            "#2023 is a year, not a tag       | ''",
            "a#b is not a tag                 | ''",
            "&#123; is a character reference  | ''",
            "email#tag                        | ''",
            "#tag#other                       | tag",
            "##double                         | double",
            "'line one\n#NextLine'            | nextline",
            "#中国 and #Ελλάδα                 | ελλάδα 中国",
            "#हिन्दी                            | हिन्दी",
            "a lone # sign                    | ''",
            "no tags at all                   | ''",
    })
    void keys(String text, String expected) {
        List<String> keys = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" "));
        assertThat(Hashtags.keys(text)).isEqualTo(keys);
    }

    @Test
    void spellingsKeepCaseOrderAndRepeats() {
        assertThat(Hashtags.spellings("#OSCE then #osce, #2023 and #OSCE again"))
                .containsExactly("OSCE", "osce", "OSCE");
    }

    @Test
    void nullTextHasNoTags() {
        assertThat(Hashtags.keys(null)).isEmpty();
    }
}
