package io.bounceguard.mailet;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import io.bounceguard.verp.SignedReturnPath;

/**
 * Returns the recipients that are our signed return paths (shape only, the signature is RecordBounce's
 * business). No user reads these addresses, so mail to them that is no bounce should not go to local
 * delivery, where James would refuse it and bounce it back. Matches nothing while signing is off.
 */
public class IsSignedReturnPath extends GenericMatcher {
    private final SignedReturnPath signedReturnPath;

    @Inject
    public IsSignedReturnPath(SignedReturnPath signedReturnPath) {
        this.signedReturnPath = signedReturnPath;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        if (!signedReturnPath.settings().enabled()) {
            return List.of();
        }
        return mail.getRecipients().stream()
            .filter(recipient -> signedReturnPath.parse(recipient.asString()).isPresent())
            .collect(Collectors.toList());
    }
}
