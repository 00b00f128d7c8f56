package io.iovc.source;

/**
 * A half-open range {@code [start, end)} of byte offsets into a {@link SourceText}. Line and column
 * are derived through the source text ({@link SourceText#position(int)}), so a span stays two ints;
 * every node and token of the tree carries one.
 */
public record Span(int start, int end) implements Comparable<Span> {
  public static final Span NONE = new Span(0, 0);

  public Span {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Span s && s.start == start && s.end == end;
  }

  @Override
  public int hashCode() {
    return start * 31 + end;
  }

  @Override
  public String toString() {
    return "Span[start=" + start + ", end=" + end + "]";
  }

  public static Span of(int start, int end) {
    return new Span(start, end);
  }

  public static Span at(int offset) {
    return new Span(offset, offset);
  }

  public int length() {
    return end - start;
  }

  public boolean isEmpty() {
    return end == start;
  }

  public Span to(Span other) {
    return new Span(Math.min(start, other.start), Math.max(end, other.end));
  }

  public boolean contains(int offset) {
    return offset >= start && offset < end;
  }

  @Override
  public int compareTo(Span o) {
    return start != o.start ? Integer.compare(start, o.start) : Integer.compare(end, o.end);
  }
}
