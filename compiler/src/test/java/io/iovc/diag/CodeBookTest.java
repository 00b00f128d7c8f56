package io.iovc.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A code book knows the core codes and exactly the plugin codes it was built with. */
class CodeBookTest {
  private static final Code CLAMPED = new Code("XYZ001", Severity.WARNING, "clamped");

  @Test
  void pluginCodesAreKnownOnlyToTheBookThatHasThem() {
    CodeBook book = CodeBook.builder().add(CLAMPED, "Clamped.\n").build();
    assertSame(CLAMPED, book.lookup("XYZ001"));
    assertEquals("Clamped.\n", book.explain("XYZ001"));
    assertNull(CodeBook.CORE.lookup("XYZ001"));
    assertNull(CodeBook.CORE.explain("XYZ001"));
    assertEquals(CodeBook.CORE.explain("IOV201"), book.explain("IOV201"));
    assertSame(Codes.UNKNOWN_KEY, book.lookup("IOV201"));
    List<Code> all = List.copyOf(book.all());
    assertEquals(CodeBook.CORE.all().size() + 1, all.size());
    assertEquals(CLAMPED, all.get(all.size() - 1));
  }

  @Test
  void aCodeWithoutAnExplanationIsStillKnown() {
    CodeBook book = CodeBook.builder().add(CLAMPED, null).build();
    assertSame(CLAMPED, book.lookup("XYZ001"));
    assertNull(book.explain("XYZ001"));
  }

  @Test
  void aKnownIdCannotBeAddedAgain() {
    CodeBook.Builder b = CodeBook.builder().add(CLAMPED, "one");
    assertThrows(
        IllegalArgumentException.class,
        () -> b.add(new Code("XYZ001", Severity.INFO, "other"), "two"));
    assertThrows(
        IllegalArgumentException.class,
        () -> b.add(new Code("IOV201", Severity.WARNING, "shadow"), "no"));
    assertEquals("one", b.build().explain("XYZ001"));
    assertTrue(b.knows("IOV201") && b.knows("XYZ001") && !b.knows("XYZ002"));
  }

  @Test
  void anEmptyBookIsTheCoreBook() {
    assertSame(CodeBook.CORE, CodeBook.builder().build());
  }
}
