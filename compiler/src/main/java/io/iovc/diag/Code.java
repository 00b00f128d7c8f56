package io.iovc.diag;

/**
 * A diagnostic code: {@code IOV0xx} meta, {@code IOV1xx} syntax, {@code IOV2xx} schema and types,
 * {@code IOV3xx} cross-section semantics and limits; driver plugins add their own ({@code
 * IXL001}…). Every code has a long explanation, looked up with {@link CodeBook#explain(String)} and
 * printed by {@code iovc explain CODE}.
 */
public record Code(String id, Severity severity, String title) {
  public Code {
    if (!wellFormed(id)) throw new IllegalArgumentException("bad code id " + id);
  }

  /** Upper-case letters and digits, starting with a letter, ending in three digits. */
  private static boolean wellFormed(String id) {
    int n = id.length();
    if (n < 4 || id.charAt(0) < 'A' || id.charAt(0) > 'Z') return false;
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      if (i >= n - 3 ? !digit : !(digit || (c >= 'A' && c <= 'Z'))) return false;
    }
    return true;
  }

  @Override
  public String toString() {
    return id;
  }

  // Written out: a record's generated equals/hashCode bootstraps method handles on first use,
  // which costs milliseconds at start-up, and codes go into sets while checking.
  @Override
  public boolean equals(Object o) {
    return o instanceof Code c
        && id.equals(c.id)
        && severity == c.severity
        && title.equals(c.title);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }
}
