package io.evalbatch.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.filter.Sample;

/**
 * Cache keys of one run's samples: SHA-256 over the filter (name, version, every option as written)
 * and everything of a sample a filter can read (prompt, response, test or target, entry point,
 * document). Anything left out could make two different computations share a key, so the key
 * errs on the side of including too much: an option spelled differently only costs a miss.
 */
public final class ResultKeys {

    /** Bump when the key's layout changes, so old keys never match new ones. */
    private static final String LAYOUT = "evalbatch-result-key/1";

    /** The digest with the run's filter already hashed in: copied per sample, computed once. */
    private final MessageDigest filterPart;

    public ResultKeys(FilterSpec filter, String filterVersion) {
        StringBuilder text = new StringBuilder();
        text.append(LAYOUT).append('\n').append(filter.name()).append('\n').append(filterVersion).append('\n');
        canonical(filter.options(), text);
        this.filterPart = sha256();
        filterPart.update(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The key of one sample, as 64 hex digits. */
    public String of(Sample sample) {
        MessageDigest digest = copy(filterPart);
        for (String part : new String[] {sample.prompt(), sample.response(), sample.test(), sample.entryPoint(),
                sample.doc()}) {
            // Length-prefixed, with -1 for null: ("ab", "c") and ("a", "bc") must not collide.
            byte[] bytes = part == null ? null : part.getBytes(StandardCharsets.UTF_8);
            digest.update(ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
            if (bytes != null) {
                digest.update(bytes);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Options as JSON-like text with map keys sorted, so that their order in YAML does not matter. */
    private static void canonical(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            out.append('{');
            sorted.forEach((k, v) -> {
                quoted(k, out);
                out.append(':');
                canonical(v, out);
                out.append(',');
            });
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            list.forEach(v -> {
                canonical(v, out);
                out.append(',');
            });
            out.append(']');
        } else if (value instanceof String text) {
            quoted(text, out);
        } else {
            out.append(value);
        }
    }

    private static void quoted(String text, StringBuilder out) {
        out.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }

    private static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
