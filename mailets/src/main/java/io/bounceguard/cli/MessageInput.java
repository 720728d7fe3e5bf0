package io.bounceguard.cli;

/**
 * One message to classify: the name printed as {@code file}, its bytes, or why it could not be read.
 */
record MessageInput(String name, byte[] bytes, String error) {

    static MessageInput of(String name, byte[] bytes) {
        return new MessageInput(name, bytes, null);
    }

    static MessageInput unreadable(String name, String error) {
        return new MessageInput(name, null, error);
    }
}
