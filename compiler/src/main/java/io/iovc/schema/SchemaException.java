package io.iovc.schema;

/** A schema that cannot be read or that iovctl itself could not use. */
public final class SchemaException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String partialOutput;

  public SchemaException(String message) {
    this(message, "");
  }

  /** {@code partialOutput}: what iovctl would already have printed before failing. */
  public SchemaException(String message, String partialOutput) {
    super(message);
    this.partialOutput = partialOutput;
  }

  public String partialOutput() {
    return partialOutput;
  }
}
