package io.iovc.schema;

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
