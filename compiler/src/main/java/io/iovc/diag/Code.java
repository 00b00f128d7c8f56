package io.iovc.diag;

/**
 * A diagnostic code: {@code IOV0xx} meta, {@code IOV1xx} syntax, {@code IOV2xx} schema and types,
 * {@code IOV3xx} cross-section semantics and limits; driver plugins add their own ({@code
 * IXL001}…). Every code has a long explanation, looked up with {@link Codes#explain(String)} and
 * printed by {@code iovc explain CODE}.
 */
public record Code(String id, Severity severity, String title) {
  public Code {
    if (!id.matches("[A-Z][A-Z0-9]*[0-9]{3}")) {
      throw new IllegalArgumentException("bad code id " + id);
    }
  }

  @Override
  public String toString() {
    return id;
  }
}
