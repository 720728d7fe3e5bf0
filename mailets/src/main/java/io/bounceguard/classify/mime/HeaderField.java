package io.bounceguard.classify.mime;

/**
 * One header field: its name as written and its unfolded, decoded value. Fields read from a message keep their raw
 * bytes and decode them only when the value is first asked for: most fields (Received, DKIM-Signature ...) are
 * never looked at.
 */
public final class HeaderField {

    private final String name;
    private final int nameKey;
    private byte[] raw;
    private String value;

    public HeaderField(String name, String value) {
        this.name = name;
        this.nameKey = nameKey(name);
        this.value = value;
    }

    private HeaderField(String name, int nameKey, byte[] raw) {
        this.name = name;
        this.nameKey = nameKey;
        this.raw = raw;
    }

    /** A field whose value is decoded from {@code raw} (the whole field, name and colon included) on first use. */
    static HeaderField ofRaw(String name, byte[] raw) {
        return new HeaderField(name, nameKey(name), raw);
    }

    /** As {@link #ofRaw(String, byte[])}, with the name's {@link #nameKey} already computed by the caller. */
    static HeaderField ofRaw(String name, int nameKey, byte[] raw) {
        return new HeaderField(name, nameKey, raw);
    }

    public String name() {
        return name;
    }

    /** True when this field has the given name, compared without regard to ASCII case. */
    boolean isNamed(String other, int otherKey) {
        return nameKey == otherKey && name.equalsIgnoreCase(other);
    }

    /** A hash of a field name that ignores ASCII case: names that differ in it can be told apart cheaply. */
    static int nameKey(String name) {
        int h = name.length();
        for (int i = 0; i < name.length(); i++) {
            h = nextKey(h, name.charAt(i));
        }
        return h;
    }

    /** One step of {@link #nameKey}: a key starts at the name's length and takes its characters in order. */
    static int nextKey(int key, int c) {
        return 31 * key + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }

    public String value() {
        String v = value;
        if (v == null) {
            v = HeaderDecoder.value(raw);
            value = v;
            raw = null;
        }
        return v;
    }

    @Override
    public String toString() {
        return name + ": " + value();
    }
}
