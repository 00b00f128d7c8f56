package io.iovc.testing;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads iovc's own JSON and SARIF output in tests with gson's reader in {@link Strictness#STRICT}
 * mode (RFC 8259: no trailing commas, comments, single quotes, unquoted names, raw control
 * characters in strings, NaN, or text after the value). Objects become {@link LinkedHashMap} (a key
 * given twice is refused too), arrays {@link ArrayList}, numbers {@link Long} or {@link Double}.
 * Anything else throws {@link IllegalArgumentException}.
 */
public final class StrictJson {
  private StrictJson() {}

  public static Object parse(String text) {
    try (JsonReader r = new JsonReader(new StringReader(text))) {
      r.setStrictness(Strictness.STRICT);
      Object v = value(r);
      if (r.peek() != JsonToken.END_DOCUMENT)
        throw new IllegalArgumentException("text after the value at " + r.getPath());
      return v;
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException i && i.getMessage().startsWith("text after"))
        throw i;
      throw new IllegalArgumentException("not strict JSON: " + e.getMessage(), e);
    }
  }

  /** Follows a path of object keys (String) and array indexes (Integer). */
  public static Object at(Object root, Object... path) {
    Object cur = root;
    for (Object k : path) {
      if (k instanceof Integer n) {
        if (!(cur instanceof List<?> l) || n >= l.size())
          throw new IllegalArgumentException("no [" + n + "] in " + cur);
        cur = l.get(n);
      } else {
        if (!(cur instanceof Map<?, ?> m) || !m.containsKey(k))
          throw new IllegalArgumentException("no \"" + k + "\" in " + cur);
        cur = m.get(k);
      }
    }
    return cur;
  }

  private static Object value(JsonReader r) throws IOException {
    switch (r.peek()) {
      case BEGIN_OBJECT:
        Map<String, Object> m = new LinkedHashMap<>();
        r.beginObject();
        while (r.hasNext()) {
          String k = r.nextName();
          if (m.containsKey(k))
            throw new IllegalArgumentException("duplicate key " + k + " at " + r.getPath());
          m.put(k, value(r));
        }
        r.endObject();
        return m;
      case BEGIN_ARRAY:
        List<Object> l = new ArrayList<>();
        r.beginArray();
        while (r.hasNext()) l.add(value(r));
        r.endArray();
        return l;
      case STRING:
        return r.nextString();
      case NUMBER:
        String n = r.nextString();
        return n.contains(".") || n.contains("e") || n.contains("E")
            ? (Object) Double.parseDouble(n)
            : (Object) Long.parseLong(n);
      case BOOLEAN:
        return r.nextBoolean();
      case NULL:
        r.nextNull();
        return null;
      default:
        throw new IllegalArgumentException("unexpected " + r.peek() + " at " + r.getPath());
    }
  }
}
