package io.iovc.diag.render;

/**
 * A minimal streaming JSON writer (two-space indentation) for the JSON and SARIF renderers, so the
 * command line needs no JSON library on its start-up path.
 */
final class Json {
  private final StringBuilder sb = new StringBuilder();
  private final java.util.ArrayDeque<boolean[]> stack = new java.util.ArrayDeque<>(); // [first]
  private boolean afterName;

  private void indent() {
    sb.append('\n').append("  ".repeat(stack.size()));
  }

  private void beforeValue() {
    if (afterName) {
      afterName = false;
      return;
    }
    if (!stack.isEmpty()) {
      boolean[] first = stack.peek();
      if (!first[0]) sb.append(',');
      first[0] = false;
      indent();
    }
  }

  Json beginObject() {
    beforeValue();
    sb.append('{');
    stack.push(new boolean[] {true});
    return this;
  }

  Json endObject() {
    boolean[] first = stack.pop();
    if (!first[0]) indent();
    sb.append('}');
    return this;
  }

  Json beginArray() {
    beforeValue();
    sb.append('[');
    stack.push(new boolean[] {true});
    return this;
  }

  Json endArray() {
    boolean[] first = stack.pop();
    if (!first[0]) indent();
    sb.append(']');
    return this;
  }

  Json name(String n) {
    beforeValue();
    string(n);
    sb.append(": ");
    afterName = true;
    return this;
  }

  Json value(String s) {
    beforeValue();
    if (s == null) sb.append("null");
    else string(s);
    return this;
  }

  Json value(long v) {
    beforeValue();
    sb.append(v);
    return this;
  }

  Json value(boolean v) {
    beforeValue();
    sb.append(v);
    return this;
  }

  Json field(String n, String v) {
    return name(n).value(v);
  }

  Json field(String n, long v) {
    return name(n).value(v);
  }

  Json field(String n, boolean v) {
    return name(n).value(v);
  }

  private void string(String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    sb.append('"');
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
