package io.bounceguard.classify.format;

/**
 * A recipient found in a notice and the text that belongs to it.
 *
 * @param address    the address as written (lower-cased)
 * @param diagnostic the lines that explain its failure, or null
 */
record NoticeRecipient(String address, String diagnostic) {
}
