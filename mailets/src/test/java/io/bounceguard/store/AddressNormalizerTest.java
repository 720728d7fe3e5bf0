package io.bounceguard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressNormalizerTest {
    private final AddressNormalizer folding = new AddressNormalizer(true);

    @ParameterizedTest
    @CsvSource({
            "Taro@Example.JP, taro@example.jp",
            "'  <Taro@Example.JP>  ', taro@example.jp",
            "rfc822;taro@example.jp, taro@example.jp",
            "RFC822; <hanako@Bücher.example>, hanako@xn--bcher-kva.example",
            "user@例え.jp, user@xn--r8jz45g.jp",
            "user@example.com., user@example.com",
            "\"quoted name\"@example.com, \"quoted name\"@example.com",
            "user+tag@[192.0.2.1], user+tag@[192.0.2.1]"})
    void producesOneKey(String raw, String key) {
        assertThat(folding.normalize(raw).key()).isEqualTo(key);
    }

    @Test
    void keepsTheLocalPartsCaseWhenAsked() {
        assertThat(new AddressNormalizer(false).normalize("Taro@EXAMPLE.jp").key()).isEqualTo("Taro@example.jp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "taro", "@example.jp", "taro@", "ta ro@example.jp", "taro@exa mple.jp",
            "taro@-bad.example", "taro@bad..example", "taro@example!.jp"})
    void refusesWhatIsNotAnAddress(String raw) {
        assertThatThrownBy(() -> folding.normalize(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + raw + "'");
        assertThat(folding.tryNormalize(raw)).isEmpty();
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> folding.normalize(null)).hasMessage("address is missing");
    }
}
