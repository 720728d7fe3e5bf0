package io.bounceguard.webadmin;

import java.util.List;

import io.bounceguard.store.SuppressionEntry;

/** The columns of the suppression export, which the import reads back. */
public final class SuppressionCsv {
    public static final String ADDRESS = "address";
    public static final String SCOPE = "scope";
    public static final String REASON = "reason";
    public static final String UNTIL = "until";

    private SuppressionCsv() {
    }

    public static List<CsvColumn<SuppressionEntry>> columns() {
        return List.of(
            new CsvColumn<>(ADDRESS, "メールアドレス", "Address", (e, lang) -> e.addressKey()),
            new CsvColumn<>(SCOPE, "スコープ", "Scope", (e, lang) -> e.scope() == null ? "global" : e.scope()),
            new CsvColumn<>("origin", "登録元", "Origin", (e, lang) -> e.origin().name()),
            new CsvColumn<>(REASON, "理由コード", "Reason", (e, lang) -> e.reason() == null ? "" : e.reason()),
            new CsvColumn<>("reasonLabel", "理由", "Reason label", (e, lang) -> ReasonLabels.label(e.reason(), lang)),
            new CsvColumn<>("rule", "ルール", "Rule", (e, lang) -> e.rule()),
            new CsvColumn<>("since", "登録日時 (UTC)", "Since (UTC)", (e, lang) -> EventCsv.time(e.since())),
            new CsvColumn<>(UNTIL, "期限 (UTC)", "Until (UTC)", (e, lang) -> EventCsv.time(e.until())),
            new CsvColumn<>("eventId", "イベントID", "Event id", (e, lang) -> e.eventId() == null ? "" : e.eventId().toString()));
    }
}
