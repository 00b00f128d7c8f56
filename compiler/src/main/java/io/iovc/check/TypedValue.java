package io.iovc.check;

import java.util.Arrays;
import java.util.HexFormat;

/** A parameter value after iovctl's conversion (spec §3.3): what goes into the nvlist. */
public sealed interface TypedValue {
  /** Text for messages and hints. */
  String display();

  record Bool(boolean value) implements TypedValue {
    @Override
    public String display() {
      return value ? "true" : "false";
    }
  }

  /** uintN or vlan, an unsigned 64-bit number. */
  record Num(long value) implements TypedValue {
    @Override
    public String display() {
      return Long.toUnsignedString(value);
    }
  }

  /** A C string (one char per byte). */
  record Str(String value) implements TypedValue {
    @Override
    public String display() {
      return io.iovc.syntax.Ascii.display(value);
    }
  }

  /** A unicast MAC address, 6 bytes in network order. */
  record Mac(byte[] bytes) implements TypedValue {
    public Mac {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public String display() {
      return HexFormat.ofDelimiter(":").formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Mac m && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Mac[" + display() + "]";
    }
  }
}
