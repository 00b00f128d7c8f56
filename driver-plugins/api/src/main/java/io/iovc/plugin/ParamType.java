package io.iovc.plugin;

import java.util.Locale;

/**
 * The parameter types of FreeBSD's SR-IOV schemas (spec §6.2). iovctl compares type names
 * case-insensitively (the kernel case-sensitively); {@link #byName} follows iovctl.
 */
public enum ParamType {
  BOOL("bool", 0),
  STRING("string", 0),
  UINT8("uint8_t", 0xFFL),
  UINT16("uint16_t", 0xFFFFL),
  UINT32("uint32_t", 0xFFFFFFFFL),
  /** Limit 2^64-1, carried as the unsigned value -1L. */
  UINT64("uint64_t", -1L),
  UNICAST_MAC("unicast-mac", 0),
  /** 0..4095, or 4096 for {@code trunk} (FreeBSD 2024+). */
  VLAN("vlan", 4096);

  private final String wireName;
  private final long max;

  ParamType(String wireName, long max) {
    this.wireName = wireName;
    this.max = max;
  }

  /** The type string in the schema nvlist and in {@code iovctl -S}. */
  public String wireName() {
    return wireName;
  }

  /** Largest value for integer types (unsigned), 4096 for vlan. */
  public long max() {
    return max;
  }

  public boolean isInteger() {
    return this == UINT8 || this == UINT16 || this == UINT32 || this == UINT64;
  }

  /**
   * A default value as {@code iovctl -S} prints it: {@code true}/{@code false}, the string, {@code
   * aa:bb:cc:dd:ee:ff}, {@code trunk} for VLAN 4096, or the unsigned number. {@code value} is what
   * {@link ParamSpec#defaultValue()} holds for this type.
   */
  public String formatDefault(Object value) {
    switch (this) {
      case BOOL:
        return ((Boolean) value) ? "true" : "false";
      case STRING:
        return (String) value;
      case UNICAST_MAC:
        byte[] m = (byte[]) value;
        return String.format(
            Locale.ROOT,
            "%02x:%02x:%02x:%02x:%02x:%02x",
            m[0] & 0xff,
            m[1] & 0xff,
            m[2] & 0xff,
            m[3] & 0xff,
            m[4] & 0xff,
            m[5] & 0xff);
      case VLAN:
        int vlan = (int) (((Long) value) & 0xFFFF);
        return vlan == 4096 ? "trunk" : Integer.toString(vlan);
      default:
        return Long.toUnsignedString((Long) value);
    }
  }

  /** iovctl's {@code strcasecmp} lookup; null for a type iovctl does not know. */
  public static ParamType byName(String name) {
    if (name == null) return null;
    for (ParamType t : values()) {
      if (t.wireName.equalsIgnoreCase(name) && isAscii(name)) return t;
    }
    return null;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) return false;
    }
    return true;
  }
}
