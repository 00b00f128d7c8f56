package io.iovc.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A device pattern matched as written answers as the compiled regular expression would. */
class DevicePatternTest {
  private static final List<String> PATTERNS =
      List.of(
          "ixl[0-9]+",
          "ix[0-9]+",
          "(cxgbe|cxl|cc)[0-9]+",
          "mlx5_core[0-9]+",
          "ql[0-9]+",
          "ixl?[0-9]+",
          "(ix|)[0-9]+",
          "(ix|ixl)[0-9]*",
          "IX[0-9]+",
          "i.l[0-9]+",
          "[0-9]+");

  @Test
  void thePlainFormIsRecognisedAndNothingElse() {
    assertEquals(List.of("ixl"), DevicePattern.plainNames("ixl[0-9]+"));
    assertEquals(List.of("cxgbe", "cxl", "cc"), DevicePattern.plainNames("(cxgbe|cxl|cc)[0-9]+"));
    assertNotNull(DevicePattern.plainNames("mlx5_core[0-9]+"));
    for (String odd : List.of("ixl?[0-9]+", "(ix|)[0-9]+", "(ix|ixl)[0-9]*", "i.l[0-9]+", "[0-9]+"))
      assertNull(DevicePattern.plainNames(odd), odd);
  }

  @Test
  void everyPatternAnswersAsTheRegularExpression() {
    String alphabet = "ixlcgbeq_5IX0918 /\u00e9";
    Random r = new Random(7);
    for (String text : PATTERNS) {
      Pattern regex = Pattern.compile(text);
      DevicePattern p = DevicePattern.of(text);
      for (int i = 0; i < 40_000; i++) {
        StringBuilder sb = new StringBuilder();
        // most devices start like a real name, so the interesting cases are common
        if (r.nextBoolean())
          sb.append(List.of("ixl", "ix", "cxl", "cc", "cxgbe", "ql").get(r.nextInt(6)));
        int len = r.nextInt(6);
        for (int k = 0; k < len; k++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        String d = sb.toString();
        assertEquals(regex.matcher(d).matches(), p.matches(d), text + " on " + d);
      }
    }
  }
}
