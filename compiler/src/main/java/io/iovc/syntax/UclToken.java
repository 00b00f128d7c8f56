package io.iovc.syntax;

import io.iovc.source.Span;
import org.antlr.v4.runtime.CommonToken;

/**
 * A token of the UCL scanner. The text is the raw source bytes (one char per byte, ISO-8859-1);
 * {@link #value} holds what libucl makes of it (unescaped, variables expanded, also one char per
 * byte). Numbers carry their libucl value: {@code INT} in {@link #longValue}, {@code FLOAT} and
 * {@code TIME} in {@link #doubleValue}.
 */
public final class UclToken extends CommonToken {
  private final int startOffset;
  private final int endOffset;

  /** Decoded string value (keys, strings) or macro name. */
  public String value;

  public long longValue;
  public double doubleValue;
  public boolean boolValue;

  /** libucl priority in effect when a key was read (only the low 4 bits count). */
  public int priority;

  /** Zero-width token the scanner inserted (implicit braces, recovery). */
  public boolean synthetic;

  /** Scalar spelled with a unit or multiplier suffix ({@code 10k}, {@code 5min}). */
  public boolean suffixed;

  /** Number written in hex ({@code 0x1f}, also libucl's {@code 1x5}). */
  public boolean hex;

  /** For DEEP: the collapsed value is an array (else an object). */
  public boolean deepArray;

  /** For MACRO: the macro's value text (after variable expansion), and its arguments text. */
  public String macroValue;

  public String macroArgs;

  UclToken(int type, int channel, int start, int end, String text) {
    super(type, text);
    this.startOffset = start;
    this.endOffset = end;
    setChannel(channel);
    setStartIndex(start);
    setStopIndex(end - 1);
  }

  public Span span() {
    return new Span(startOffset, endOffset);
  }

  public int startOffset() {
    return startOffset;
  }

  public int endOffset() {
    return endOffset;
  }

  public boolean isHidden() {
    return getChannel() != DEFAULT_CHANNEL;
  }
}
