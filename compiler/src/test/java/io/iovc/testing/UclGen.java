package io.iovc.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Generates UCL-ish text that exercises libucl's corners (separators, number suffixes, escapes,
 * heredocs, nested comments, nested keys, macros, stray bytes), then mutates it. Seeded, so a
 * failure can be replayed. Used by the differential and robustness tests.
 */
public final class UclGen {
  private final Random r;

  public UclGen(long seed) {
    this.r = new Random(seed);
  }

  private static final String[] KEYS = {
    "PF",
    "pf",
    "DEFAULT",
    "default",
    "VF-0",
    "VF-1",
    "vf-2",
    "VF-01",
    "VF-",
    "device",
    "num_vfs",
    "NUM_VFS",
    "mac-addr",
    "passthrough",
    "vlan",
    "num-queues",
    "allow-set-mac",
    "//",
    "a",
    "b.c",
    "_x",
    "0x",
    "9",
    "/p",
    "\"quoted key\"",
    "\"\"",
    "\"esc\\u0041\\n\"",
    "k\u00e9"
  };
  private static final String[] SCALARS = {
    "1",
    "2",
    "007",
    "08",
    "-5",
    "+1",
    ".5",
    "1_000",
    "0b101",
    "0x",
    "1e",
    "-",
    "0x1F",
    "0xff",
    "-0x10",
    "1x5",
    "2.9",
    "5.",
    "1e3",
    "-0.5",
    "10k",
    "5m",
    "1g",
    "10kb",
    "5mb",
    "2KB",
    "10s",
    "2h",
    "1d",
    "1w",
    "1y",
    "10min",
    "10ms",
    "1.5k",
    "5 6",
    "9223372036854775808",
    "9223372036854775807",
    "-9223372036854775808",
    "0xffffffffffffffff",
    "1k }",
    "2 }",
    "0x2k",
    "1500ms",
    "1e400",
    "1e-400",
    "4.9e-324",
    "1ks",
    "3mi",
    "0x1fs",
    "1.5kb",
    "65535",
    "65536",
    "true",
    "TRUE",
    "Yes",
    "on",
    "OFF",
    "no",
    "null",
    "NULL",
    "nil",
    "nan",
    "inf",
    "-inf",
    "hello world",
    "ixl0",
    "trunk",
    "TRUNK",
    "\"trunk\"",
    "\"5\"",
    "'single'",
    "'it\\'s'",
    "'a\\tb\\\\'",
    "\"a\\tb\\\\ \\u00e9 \\x30 \\/\"",
    "\"$FILENAME\"",
    "$CURDIR/x",
    "\"${FILENAME}\"",
    "\"$$ $FILENAME\"",
    "${NOPE}",
    "\"02:00:00:00:00:01\"",
    "02:00:00:00:00:01",
    "ff:ff:ff:ff:ff:ff",
    "\"::02:00:00:00:00:01\"",
    "a{b}c",
    "x[1]y",
    "a\\nb",
    "<<EOD\nline\nEOD",
    "<<EOD\nEOD\n",
    "<<eod\nx\neod",
    "<<EOD\nl1\nEODX\nEOD;",
    "<<\nx\n\n",
    "\"unterminated",
    "'unterm",
    "[1, 2]",
    "[]",
    "{}",
    "{ a = 1 }",
    "[ [ ] ]",
    "// comment",
    "a // b",
    "\"a\u0001b\"",
    "\"\\u12\"",
    "\"\\q\"",
    "<<A\nx\nAB\nA",
    "0x1.5",
    "1..2",
    "1e5e",
    "-x5",
    "12x34",
    "0X10",
    "1K",
    "1Kb"
  };
  private static final String[] SEPS = {" = ", " : ", " ", "=", ":", "  =  ", "\t", " == ", " =: "};
  private static final String[] TERMS = {
    ";", ",", "\n", "; ", ",\n", ";\n", "", " ", "\r\n", "\0", " # c\n", " /* c */\n"
  };
  private static final String[] JUNK = {
    "#",
    "# comment\n",
    "/* block */",
    "/* a /* nested */ b */",
    "/* \" quoted */ \" */",
    "/* open",
    "{",
    "}",
    "[",
    "]",
    ";",
    ",",
    "=",
    ":",
    "\"",
    "'",
    "\\",
    "$",
    ".",
    ".priority 5\n",
    ".priority(priority=3) \"\"\n",
    ".priority 1 # x\n",
    ".include \"x\"\n",
    ".bogus 1\n",
    "\0",
    "\r",
    "\n",
    " ",
    "\t",
    "\u00ef\u00bb\u00bf",
    "<<",
    "EOD\n",
    "\u00ff",
    "\u0001",
    "\u007f"
  };

  private String pick(String[] a) {
    return a[r.nextInt(a.length)];
  }

  public String text() {
    StringBuilder sb = new StringBuilder();
    if (r.nextInt(10) == 0) sb.append("{\n");
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) section(sb, 0);
    if (r.nextInt(10) == 0) sb.append("}\n");
    if (r.nextInt(6) == 0) sb.append(pick(JUNK));
    return sb.toString();
  }

  private void section(StringBuilder sb, int depth) {
    int kind = r.nextInt(10);
    if (kind == 0 && depth < 4) {
      sb.append(pick(JUNK));
      return;
    }
    sb.append(pick(KEYS));
    if (r.nextInt(8) == 0) sb.append(' ').append(pick(KEYS));
    if (kind < 6 && depth < 4) {
      sb.append(r.nextInt(5) == 0 ? pick(SEPS) : " ").append("{");
      sb.append(r.nextBoolean() ? "\n" : " ");
      int m = r.nextInt(5);
      for (int i = 0; i < m; i++) {
        if (r.nextInt(4) == 0) section(sb, depth + 1);
        else member(sb);
      }
      sb.append("}").append(pick(TERMS));
    } else {
      sb.append(pick(SEPS)).append(pick(SCALARS)).append(pick(TERMS));
    }
  }

  private void member(StringBuilder sb) {
    sb.append("  ").append(pick(KEYS)).append(pick(SEPS)).append(pick(SCALARS)).append(pick(TERMS));
    if (r.nextInt(8) == 0) sb.append(pick(JUNK));
  }

  /** A generated text, then a few random byte edits. */
  public byte[] bytes() {
    byte[] base = text().getBytes(StandardCharsets.ISO_8859_1);
    int edits = r.nextInt(4) == 0 ? 0 : r.nextInt(4);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(base);
    byte[] cur = out.toByteArray();
    for (int e = 0; e < edits && cur.length > 0; e++) {
      int at = r.nextInt(cur.length);
      ByteArrayOutputStream o = new ByteArrayOutputStream();
      switch (r.nextInt(3)) {
        case 0 -> { // delete
          o.write(cur, 0, at);
          o.write(cur, at + 1, cur.length - at - 1);
        }
        case 1 -> { // insert
          o.write(cur, 0, at);
          o.writeBytes(pick(JUNK).getBytes(StandardCharsets.ISO_8859_1));
          o.write(cur, at, cur.length - at);
        }
        default -> { // replace
          o.write(cur, 0, at);
          String alphabet = "{}[];,=:\"'#/*\n \\$<0x-.ek";
          o.write(alphabet.charAt(r.nextInt(alphabet.length())));
          o.write(cur, at + 1, cur.length - at - 1);
        }
      }
      cur = o.toByteArray();
    }
    return cur;
  }
}
