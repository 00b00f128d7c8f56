package io.iovc.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The long explanations in codes.txt, read through {@link CodeBook#explain(String)}. */
class CodesTest {
  private static List<Code> coreCodes() {
    return new ArrayList<>(CodeBook.CORE.all());
  }

  private static String resource() throws IOException {
    try (InputStream in = Codes.class.getResourceAsStream("codes.txt")) {
      assertNotNull(in, "codes.txt is missing next to Codes.class");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void everyCoreCodeHasAnExplanation() {
    List<Code> core = coreCodes();
    assertTrue(core.size() > 50, "CodeBook.CORE.all() lists the core codes");
    List<String> missing = new ArrayList<>();
    for (Code c : core) {
      String text = CodeBook.CORE.explain(c.id());
      if (text == null || text.isBlank()) missing.add(c.id());
    }
    assertEquals(List.of(), missing, "codes without a long explanation in codes.txt");
  }

  @Test
  void everyWarningSaysHowToSuppressItAndNoErrorClaimsItCanBe() {
    List<String> bad = new ArrayList<>();
    for (Code c : coreCodes()) {
      String text = CodeBook.CORE.explain(c.id());
      if (text == null) continue;
      if (c.severity() == Severity.WARNING) {
        boolean how = text.contains("disable") && text.contains(c.id());
        if (!how && !text.contains("cannot be suppressed"))
          bad.add(c.id() + " (a warning should say how to suppress it, or that it cannot be)");
      } else if (text.contains("# iovc disable=" + c.id())) {
        bad.add(c.id() + " (an error cannot be disabled)");
      }
    }
    assertEquals(List.of(), bad);
  }

  @Test
  void everyCoreSectionNamesADeclaredCodeOnce() throws IOException {
    Matcher m = Pattern.compile("(?m)^== (\\S+)").matcher(resource());
    List<String> seen = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    while (m.find()) {
      String id = m.group(1);
      assertFalse(seen.contains(id), "two sections for " + id);
      seen.add(id);
      if (id.startsWith("IOV") && CodeBook.CORE.lookup(id) == null) stale.add(id);
    }
    assertEquals(List.of(), stale, "sections for codes Codes.java does not declare");
  }

  @Test
  void sectionTextRunsToTheNextHeaderWithoutTheHeaderOrItsNeighbours() {
    String t201 = CodeBook.CORE.explain("IOV201");
    String t202 = CodeBook.CORE.explain("IOV202");
    assertTrue(t201.contains("Invalid config key"), t201);
    assertFalse(t201.contains("== "), "the header line is not part of the text");
    assertFalse(t201.contains("is not of type"), "IOV202's text does not leak into IOV201's");
    assertTrue(t202.contains("is not of type"), t202);
    assertFalse(
        t201.startsWith("\n") || t201.endsWith("\n\n"), "blank lines at the ends are dropped");
  }

  @Test
  void unknownCodeHasNoExplanation() {
    assertNull(CodeBook.CORE.explain("IOV999"));
  }
}
