package io.bounceguard.mailet;

import java.util.Optional;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

/** The mail attributes our mailets set and read. */
final class MailAttributes {
    /** The message kind RecordBounce found: dsn, nonstandard, complaint, autoreply, notbounce. */
    static final AttributeName KIND = AttributeName.of("bounceguard.kind");
    /** The envelope sender before SignReturnPath replaced it. */
    static final AttributeName ORIGINAL_SENDER = AttributeName.of("bounceguard.originalSender");
    /**
     * Set by RecordDeliveryFailure once it recorded the failure. DSNBounce copies the attributes of the failed
     * mail into the DSN it writes, so RecordBounce sees it when that DSN loops back and does not count it again.
     */
    static final AttributeName DELIVERY_FAILURE_RECORDED = AttributeName.of("bounceguard.deliveryFailureRecorded");
    /** Whether the bounce carried a valid signed return path: true, false, or absent when signing is off. */
    static final AttributeName VERIFIED = AttributeName.of("bounceguard.verified");

    /** RemoteDelivery's reply text of the (first) failed recipient. */
    static final AttributeName DELIVERY_ERROR = AttributeName.of("delivery-error");
    /** RemoteDelivery: whether the failure was permanent. */
    static final AttributeName DELIVERY_PERMANENT = AttributeName.of("is-delivery-permanent-error");

    private MailAttributes() {
    }

    static void set(Mail mail, AttributeName name, String value) {
        mail.setAttribute(new Attribute(name, AttributeValue.of(value)));
    }

    static void set(Mail mail, AttributeName name, boolean value) {
        mail.setAttribute(new Attribute(name, AttributeValue.of(value)));
    }

    static Optional<String> text(Mail mail, AttributeName name) {
        return mail.getAttribute(name).map(Attribute::getValue).map(AttributeValue::value)
            .map(String::valueOf);
    }

    static Optional<Boolean> bool(Mail mail, AttributeName name) {
        return mail.getAttribute(name).map(Attribute::getValue).map(AttributeValue::value)
            .map(value -> value instanceof Boolean ? (Boolean) value : Boolean.parseBoolean(String.valueOf(value)));
    }
}
