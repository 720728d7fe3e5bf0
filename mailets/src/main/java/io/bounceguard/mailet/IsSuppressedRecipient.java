package io.bounceguard.mailet;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import io.bounceguard.policy.SuppressionList;

/**
 * Returns the recipients of a mail that are suppressed, globally or in the scope of the mail's
 * sender domain. Placed before {@code RemoteDelivery}, it makes James split the mail so that only
 * the suppressed copy goes to the suppression mailets. Lookups use the in-memory snapshot, never a
 * database query per recipient.
 */
public class IsSuppressedRecipient extends GenericMatcher {
    private final SuppressionList suppressionList;

    @Inject
    public IsSuppressedRecipient(SuppressionList suppressionList) {
        this.suppressionList = suppressionList;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        String scope = mail.getMaybeSender().asOptional().map(sender -> sender.getDomain().asString()).orElse(null);
        List<MailAddress> suppressed = mail.getRecipients().stream()
            .filter(recipient -> suppressionList.isSuppressed(recipient.asString(), scope))
            .collect(Collectors.toList());
        return suppressed;
    }
}
