package io.iovc.syntax;

import io.iovc.source.Span;
import java.util.List;

/**
 * The UCL tree, as immutable records with spans. It keeps every member in file order, duplicates
 * included: libucl's object semantics (first value of a key wins, implicit arrays, {@code
 * .priority}) are applied by the checker, which must also lint what libucl silently drops.
 */
public sealed interface UValue
    permits UValue.UObject,
        UValue.UArray,
        UValue.UString,
        UValue.UInt,
        UValue.UFloat,
        UValue.UBool,
        UValue.UNull,
        UValue.UDeep,
        UValue.UMissing {

  Span span();

  /**
   * A word for messages: "object", "array", "string", "integer", "float", "time", "boolean",
   * "null".
   */
  String kindName();

  /** An object. {@code implicit} when it has no braces (the file itself, or {@code a b { }}). */
  record UObject(Span span, boolean implicit, List<UEntry> entries) implements UValue {
    public UObject {
      entries = List.copyOf(entries);
    }

    @Override
    public String kindName() {
      return "object";
    }

    public List<UMember> members() {
      List<UMember> out = new java.util.ArrayList<>(entries.size());
      for (UEntry e : entries) {
        if (e instanceof UMember m) out.add(m);
      }
      return out;
    }
  }

  record UArray(Span span, List<UValue> items) implements UValue {
    public UArray {
      items = List.copyOf(items);
    }

    @Override
    public String kindName() {
      return "array";
    }
  }

  /** How a string was written. */
  enum StringKind {
    DOUBLE_QUOTED,
    SINGLE_QUOTED,
    HEREDOC,
    UNQUOTED
  }

  /** A string; {@code value} is the byte string libucl produces (one char per byte). */
  record UString(Span span, StringKind kind, String value) implements UValue {
    @Override
    public String kindName() {
      return "string";
    }
  }

  record UInt(Span span, long value, boolean suffixed, boolean hex) implements UValue {
    @Override
    public String kindName() {
      return "integer";
    }
  }

  /** libucl FLOAT, or TIME (a number with a time suffix, in seconds). */
  record UFloat(Span span, double value, boolean time, boolean suffixed) implements UValue {
    @Override
    public String kindName() {
      return time ? "time" : "float";
    }
  }

  record UBool(Span span, boolean value) implements UValue {
    @Override
    public String kindName() {
      return "boolean";
    }
  }

  /** {@code null}, or the value libucl leaves when input ends right after {@code key =}. */
  record UNull(Span span, boolean implicit) implements UValue {
    @Override
    public String kindName() {
      return "null";
    }
  }

  /**
   * An object or array nested deeper than the tree keeps; its content was checked by the scanner.
   */
  record UDeep(Span span, boolean array) implements UValue {
    @Override
    public String kindName() {
      return array ? "array" : "object";
    }
  }

  /** Placeholder where a syntax error left no value (the file is already refused). */
  record UMissing(Span span) implements UValue {
    @Override
    public String kindName() {
      return "nothing";
    }
  }

  /** A member or a macro line inside an object. */
  sealed interface UEntry permits UMember, UMacro {
    Span span();
  }

  record UMember(UKey key, UValue value) implements UEntry {
    @Override
    public Span span() {
      return key.span().to(value.span());
    }
  }

  /**
   * A key. {@code name} is the byte string libucl stores; {@code priority} the {@code .priority} in
   * effect when it was read.
   */
  record UKey(String name, Span span, boolean quoted, int priority) {}

  /** A macro such as {@code .priority 5}. */
  record UMacro(String name, String value, String args, Span span) implements UEntry {}
}
