package io.bounceguard.classify;

/**
 * The enhanced status code that follows unambiguously from a reason and a reply code when the message states
 * none ({@code 550 User unknown} is 5.1.1); null for reasons whose code is not implied by their name.
 */
final class ImpliedStatus {

    private ImpliedStatus() {
    }

    static String of(Reason reason, int replyCode) {
        String detail;
        switch (reason) {
            case USERUNKNOWN: detail = "1.1"; break;
            case HOSTUNKNOWN: detail = "1.2"; break;
            case ADDRESSSYNTAX: detail = "1.3"; break;
            case HASMOVED: detail = "1.6"; break;
            case SUSPEND: detail = "2.1"; break;
            case MAILBOXFULL: detail = "2.2"; break;
            case MESGTOOBIG: detail = "3.4"; break;
            case NORELAYING: detail = "7.1"; break;
            default: return null;
        }
        int c = replyCode / 100;
        return c == 4 || c == 5 ? c + "." + detail : null;
    }
}
