package io.iovc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tests of iovc's JSON and SARIF output are only as strict as this reader: it must refuse every
 * mistake a hand-written JSON writer can make.
 */
class StrictJsonTest {
  @Test
  void readsWellFormedJson() {
    Object v =
        StrictJson.parse(
            " {\"a\": [1, -2.5e1, true, false, null, \"x\\\"\\u0041\\n\\/\"], \"b\": {}} ");
    assertEquals(
        Map.of("a", Arrays.asList(1L, -25.0, true, false, null, "x\"A\n/"), "b", Map.of()), v);
    assertEquals(1L, StrictJson.at(v, "a", 0));
    assertEquals(-1L, StrictJson.parse("-1"));
  }

  @Test
  void refusesWhatABrokenWriterWouldPrint() {
    String[] bad = {
      "[1,]", // trailing comma in an array
      "{\"a\": 1,}", // trailing comma in an object
      "[\"a\u0001b\"]", // a raw control character in a string
      "[\"tab\there\"]", // a raw tab
      "[\"line\nbreak\"]", // a raw newline
      "[\"\\x41\"]", // an escape JSON does not have
      "[\"\\'\"]", // nor this one
      "{\"a\" 1}", // no colon
      "{a: 1}", // an unquoted name
      "['a']", // single quotes
      "[1] x", // text after the value
      "[1][2]", // two values
      "[1 2]", // no comma
      "[NaN]", // not a JSON number
      "[01]", // a leading zero
      "[1.]", // no digits after the point
      "[+1]", // a plus sign
      "/* c */ [1]", // a comment
      "{\"a\": 1, \"a\": 2}", // a key twice
      "\"abc", // unterminated
      "[1,", // cut off
      "", // nothing
    };
    for (String s : bad)
      assertThrows(
          IllegalArgumentException.class, () -> StrictJson.parse(s), () -> "accepted " + s);
  }
}
