package io.channelpulse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HandleMentionsTest {

    @ParameterizedTest(name = "{0} + [{1}] -> [{2}]")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "follow @Channel_Pulse_Test                      | -                                | channel_pulse_test",
            "Contact press@embassy.example                   | -                                | ''",
            "write to a.b@mail.example.org                   | -                                | ''",
            "too short: @abcd                                | -                                | ''",
            "just long enough: @abcde                        | -                                | abcde",
            "starts with a digit: @1abcde                    | -                                | ''",
            "starts with underscore: @_abcde                 | -                                | ''",
            "@abcdefghijabcdefghijabcdefghijabc is 33 chars  | -                                | ''",
            "@abcdefghijabcdefghijabcdefghijab is 32 chars   | -                                | abcdefghijabcdefghijabcdefghijab",
            "(@MFARussia), @MFARussia. @mfarussia!           | -                                | mfarussia",
            "Привет@handle5 is not a mention                 | -                                | ''",
            "@Лавров is not a username                       | -                                | ''",
            "see medium.com/@author_name                     | -                                | ''",
            "t.me/another_channel                            | -                                | another_channel",
            "https://t.me/s/EmbUSA                           | -                                | embusa",
            "https://t.me/MFARussia/16501                    | -                                | mfarussia",
            "HTTPS://T.ME/UpperCase                          | -                                | uppercase",
            "telegram.me/old_style                           | -                                | old_style",
            "t.me/joinchat/AAAAAE                            | -                                | ''",
            "t.me/addstickers/set1 and t.me/addemoji/set2    | -                                | ''",
            "t.me/+AbCdEf123 is an invite                    | -                                | ''",
            "t.me/c/123456/789 is a private post             | -                                | ''",
            "https://t.me/share/url?url=x                    | -                                | ''",
            "t.me/proxy?server=x and t.me/socks?server=y     | -                                | ''",
            "t.me/addlist/abc t.me/boost/xyzzy t.me/iv?url=x | -                                | ''",
            "what.me/foobar and at.me/foobar                 | -                                | ''",
            "t.me/abcd is too short                          | -                                | ''",
            "@Same_Name and t.me/same_name                   | -                                | same_name",
            "Read more                                       | https://t.me/linked_channel      | linked_channel",
            "t.me/another_channel                            | http://t.me/another_channel      | another_channel",
            "but not t.me/joinchat/AAAAAE                    | http://t.me/joinchat/AAAAAE      | ''",
            "Read in full                                    | https://mid.ru/en/foreign_policy | ''",
            "@Zeta_chan then @alpha_chan                     | https://t.me/s/Mid_chan/5        | alpha_chan mid_chan zeta_chan",
    })
    void keys(String text, String link, String expected) {
        List<String> links = link == null ? List.of() : List.of(link);
        List<String> keys = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" "));
        assertThat(HandleMentions.keys(text, links)).isEqualTo(keys);
    }
}
