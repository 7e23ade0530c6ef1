package io.evalbatch.run;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Short, printable run ids: eight characters without look-alikes, easy to type and to say. */
public final class RunIds {

    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final SecureRandom random = new SecureRandom();

    public String next() {
        StringBuilder id = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /** Ids given by the user: letters, digits, '.', '_' and '-', at most 64 characters. */
    public static boolean isValid(String id) {
        return VALID.matcher(id).matches();
    }
}
