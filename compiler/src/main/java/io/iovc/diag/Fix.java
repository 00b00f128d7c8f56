package io.iovc.diag;

import java.util.List;

/** A machine-applicable fix: a title for menus and the edits that perform it. */
public record Fix(String title, List<Edit> edits) {
  public Fix {
    edits = List.copyOf(edits);
  }

  public static Fix of(String title, Edit... edits) {
    return new Fix(title, List.of(edits));
  }
}
