package io.bounceguard.smtp;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;

import io.bounceguard.verp.SignedReturnPath;

/**
 * Accepts RCPT TO for addresses shaped like our signed return paths, which James's {@code ValidRcptHandler}
 * would refuse as unknown local users. It must come before {@code ValidRcptHandler} in the handler chain. It
 * checks the shape and the domain ({@code verp.domain}, else {@code verp.senderDomains} when listed), not the
 * signature: a bounce with a bad token is still taken in and recorded as
 * unverified, which is what lets ops see forgery attempts. Every other address is left to the next handler.
 * With signing off ({@code verp.enabled=false}) it accepts nothing.
 */
public class SignedReturnPathRcptHook implements RcptHook {
    private final SignedReturnPath signedReturnPath;

    @Inject
    public SignedReturnPathRcptHook(SignedReturnPath signedReturnPath) {
        this.signedReturnPath = signedReturnPath;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        if (!signedReturnPath.settings().enabled()) {
            return HookResult.DECLINED;
        }
        return signedReturnPath.parse(rcpt.asString())
            .filter(token -> signedReturnPath.settings().acceptsReturnDomain(token.returnDomain()))
            .map(token -> HookResult.OK)
            .orElse(HookResult.DECLINED);
    }
}
