package io.bounceguard.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReasonCatalogTest {

    private static final ReasonCatalog CATALOG = ReasonCatalog.shipped();

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyReasonHasJapaneseAndEnglishText(Reason reason) {
        ReasonText ja = CATALOG.text(reason, Locale.JAPANESE);
        ReasonText en = CATALOG.text(reason, Locale.ENGLISH);

        assertThat(ja.label()).isNotBlank();
        assertThat(ja.meaning()).isNotBlank().isNotEqualTo(en.meaning());
        assertThat(ja.action()).isNotBlank();
        assertThat(ja.meaning()).as("Japanese text is Japanese").matches(".*[\\u3040-\\u30ff\\u4e00-\\u9fff].*");
        assertThat(en.label()).isNotBlank();
        assertThat(en.meaning()).isNotBlank();
        assertThat(en.action()).isNotBlank().matches("[\\x20-\\x7e]+");
        assertThat(CATALOG.text(reason, null)).as("Japanese by default").isEqualTo(ja);
    }

    @ParameterizedTest
    @EnumSource(value = Reason.class, names = {"USERUNKNOWN", "FILTERED", "MAILBOXFULL", "FEEDBACK"})
    void labelsUseTheTermsOfTheStatusTables(Reason reason) {
        String expected = switch (reason) {
            case USERUNKNOWN -> "ユーザー不明";
            case FILTERED -> "受信拒否";
            case MAILBOXFULL -> "メールボックス容量超過";
            default -> "苦情";
        };
        assertThat(CATALOG.text(reason, Locale.JAPANESE).label()).isEqualTo(expected);
    }
}
