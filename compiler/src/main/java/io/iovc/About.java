package io.iovc;

/**
 * The product as every front end names it: {@code iovc --version}, the language server's {@code
 * serverInfo}, the SARIF tool. A leaf: it imports nothing, so no front end depends on another for
 * it.
 */
public final class About {
  public static final String NAME = "iovc";
  public static final String VERSION = "0.1.0";
  public static final String HOME = "https://github.com/iovc/iovc";

  private About() {}
}
