package io.iovc.diag;

/** How bad a finding is. Errors are exactly what iovctl or the kernel would refuse. */
public enum Severity {
  ERROR("error"),
  WARNING("warning"),
  INFO("info");

  private final String label;

  Severity(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
