package io.bounceguard.webadmin;

import java.time.Instant;
import java.util.List;

import io.bounceguard.store.BounceEvent;

/** The columns of the event export. */
public final class EventCsv {
    private EventCsv() {
    }

    public static List<CsvColumn<EventRow>> columns() {
        return List.of(
            column("id", "ID", "ID", e -> String.valueOf(e.id())),
            column("time", "日時 (UTC)", "Time (UTC)", e -> e.time().toString()),
            column("recipient", "宛先", "Recipient", BounceEvent::recipient),
            new CsvColumn<>("domain", "受信ドメイン", "Receiving domain", (row, lang) -> text(row.recipientDomain())),
            column("sender", "送信者", "Original sender", BounceEvent::originalSender),
            column("scope", "スコープ", "Scope", BounceEvent::scope),
            column("source", "発生元", "Source", e -> e.source().name()),
            column("kind", "種別", "Kind", BounceEvent::kind),
            column("action", "アクション", "Action", BounceEvent::action),
            column("status", "ステータス", "Status", BounceEvent::status),
            column("replyCode", "応答コード", "Reply code", e -> e.replyCode() == null ? "" : e.replyCode().toString()),
            column("reason", "理由コード", "Reason", BounceEvent::reason),
            new CsvColumn<>("reasonLabel", "エラーの内容", "Reason label",
                (row, lang) -> ReasonLabels.label(row.event().reason(), lang)),
            column("bounceType", "バウンス種別", "Bounce type", BounceEvent::bounceType),
            column("diagnostic", "診断メッセージ", "Diagnostic", BounceEvent::diagnostic),
            column("remoteMta", "相手サーバー", "Remote MTA", BounceEvent::remoteMta),
            column("reportingMta", "報告サーバー", "Reporting MTA", BounceEvent::reportingMta),
            column("messageId", "Message-ID", "Message-ID", BounceEvent::messageId),
            column("verified", "検証済", "Verified", e -> String.valueOf(e.verified())),
            column("feedbackType", "苦情種別", "Feedback type", BounceEvent::feedbackType),
            new CsvColumn<>("checked", "確認済", "Checked",
                (row, lang) -> row.checkedAt() == null ? "" : row.checkedAt().toString()));
    }

    private static CsvColumn<EventRow> column(String key, String japanese, String english,
                                              java.util.function.Function<BounceEvent, String> value) {
        return new CsvColumn<>(key, japanese, english, (row, lang) -> text(value.apply(row.event())));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    static String time(Instant value) {
        return value == null ? "" : value.toString();
    }
}
