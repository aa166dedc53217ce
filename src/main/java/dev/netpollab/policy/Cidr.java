package dev.netpollab.policy;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 CIDR, parsed without any name resolution (the engine does no I/O). Host bits may be
 * set, as Go's {@code net.ParseCIDR} used by the API server accepts them; the network is what counts.
 */
public record Cidr(byte[] network, int prefixLength, String text) {

    public static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            return Optional.empty();
        }
        Optional<byte[]> addr = parseAddress(text.substring(0, slash));
        String len = text.substring(slash + 1);
        if (addr.isEmpty() || len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int prefix = Integer.parseInt(len);
        if (prefix > addr.get().length * 8) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(mask(addr.get(), prefix), prefix, text));
    }

    /** Parses a literal IPv4 ("10.1.2.3") or IPv6 ("2001:db8::1", "::ffff:1.2.3.4") address. */
    public static Optional<byte[]> parseAddress(String s) {
        if (s == null || s.isEmpty()) {
            return Optional.empty();
        }
        return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
    }

    private static Optional<byte[]> parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return Optional.empty();
            }
            out[i] = (byte) v;
        }
        return Optional.of(out);
    }

    private static Optional<byte[]> parseV6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return Optional.empty();
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        Optional<int[]> h = groups(head);
        Optional<int[]> t = groups(tail);
        if (h.isEmpty() || t.isEmpty()) {
            return Optional.empty();
        }
        int[] hg = h.get();
        int[] tg = t.get();
        int total = hg.length + tg.length;
        if ((dbl < 0 && total != 8) || (dbl >= 0 && total > 7)) {
            return Optional.empty();
        }
        int[] all = new int[8];
        System.arraycopy(hg, 0, all, 0, hg.length);
        System.arraycopy(tg, 0, all, 8 - tg.length, tg.length);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (all[i] >> 8);
            out[2 * i + 1] = (byte) all[i];
        }
        return Optional.of(out);
    }

    /** 16-bit groups; a trailing dotted IPv4 part counts as two groups. */
    private static Optional<int[]> groups(String s) {
        if (s.isEmpty()) {
            return Optional.of(new int[0]);
        }
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length + 1];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.indexOf('.') >= 0) {
                Optional<byte[]> v4 = parseV4(p);
                if (v4.isEmpty()) {
                    return Optional.empty();
                }
                byte[] b = v4.get();
                out[n++] = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
                out[n++] = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return Optional.empty();
            }
            out[n++] = Integer.parseInt(p, 16);
        }
        return Optional.of(Arrays.copyOf(out, n));
    }

    private static byte[] mask(byte[] addr, int prefix) {
        byte[] out = addr.clone();
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        return out;
    }

    public boolean contains(byte[] address) {
        return address.length == network.length && Arrays.equals(mask(address, prefixLength), network);
    }

    /** Strictly inside: the other block's network is in this one and its prefix is longer. */
    public boolean strictlyContains(Cidr other) {
        return other.network.length == network.length && contains(other.network) && other.prefixLength > prefixLength;
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        return text;
    }
}
