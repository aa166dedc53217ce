package dev.netpollab.workshop;

import dev.netpollab.scenario.UserError;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The workshop's credentials: the join code learners type (short, no look-alike characters), the instructor's
 * secret, and one token per seat. Tokens are stored only as hashes; comparisons take constant time.
 */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private Tokens() {
    }

    public static String newCode() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            b.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return b.toString();
    }

    public static String newSecret() {
        return random(24);
    }

    public static String newToken() {
        return random(32);
    }

    public static String newId() {
        return random(12);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** A join code given with --code: 4 to 32 letters, digits or dashes. */
    public static String checkCode(String code) {
        if (code == null || !code.matches("[A-Za-z0-9-]{4,32}")) {
            throw new UserError("--code must be 4 to 32 letters, digits or dashes");
        }
        return code;
    }

    /** A secret given with --secret: at least 8 characters, none of them blank or a control character. */
    public static String checkSecret(String secret) {
        if (secret == null || secret.length() < 8 || secret.length() > 200 || !secret.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new UserError("--secret must be 8 to 200 printable characters without spaces");
        }
        return secret;
    }
}
