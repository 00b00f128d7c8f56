package io.iovc.plugin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A parameter as a driver plugin declares it: what the kernel schema holds (name, type, default or
 * required) plus what only people need (a short doc, the FreeBSD release that added it, the Linux
 * mapping, the driver's documented quirks as {@link ValueHint}s).
 *
 * <p>Defaults are Boolean, Long (uint/vlan, 4096 for trunk), String, or a 6-byte array (MAC).
 */
public final class ParamSpec {
  private final String name;
  private final ParamType type;
  private final Object defaultValue;
  private final boolean required;
  private final String doc;
  private final String since;
  private final LinuxMapping linux;
  private final List<ValueHint> hints;

  private ParamSpec(Builder b) {
    this.name = b.name;
    this.type = b.type;
    this.defaultValue = b.defaultValue;
    this.required = b.required;
    this.doc = b.doc;
    this.since = b.since;
    this.linux = b.linux;
    this.hints = List.copyOf(b.hints);
    if (required && defaultValue != null) {
      throw new IllegalArgumentException(
          name + ": a parameter cannot be required and have a default");
    }
  }

  public static Builder of(String name, ParamType type) {
    return new Builder(name, type);
  }

  public String name() {
    return name;
  }

  public ParamType type() {
    return type;
  }

  public Object defaultValue() {
    return defaultValue instanceof byte[] a ? a.clone() : defaultValue;
  }

  public boolean required() {
    return required;
  }

  public String doc() {
    return doc;
  }

  public String since() {
    return since;
  }

  public LinuxMapping linux() {
    return linux;
  }

  public List<ValueHint> hints() {
    return hints;
  }

  /** The default as {@code iovctl -S} prints it, or null. */
  public String defaultText() {
    if (defaultValue == null) return null;
    return type.formatDefault(defaultValue);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParamSpec p
        && name.equals(p.name)
        && type == p.type
        && required == p.required
        && Objects.deepEquals(defaultValue, p.defaultValue);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, required);
  }

  @Override
  public String toString() {
    return name
        + " : "
        + type.wireName()
        + (required
            ? " (required)"
            : defaultValue != null ? " (default = " + defaultText() + ")" : " (optional)");
  }

  /** Fluent construction for plugins. */
  public static final class Builder {
    private final String name;
    private final ParamType type;
    private Object defaultValue;
    private boolean required;
    private String doc = "";
    private String since = "";
    private LinuxMapping linux = LinuxMapping.NONE;
    private final List<ValueHint> hints = new ArrayList<>();

    private Builder(String name, ParamType type) {
      this.name = Objects.requireNonNull(name);
      this.type = Objects.requireNonNull(type);
    }

    public Builder defaultValue(Object v) {
      if (v instanceof Integer i) v = (long) i;
      if (v instanceof byte[] a) {
        if (a.length != 6) throw new IllegalArgumentException("MAC default must have 6 bytes");
        v = Arrays.copyOf(a, 6);
      }
      this.defaultValue = v;
      return this;
    }

    public Builder required() {
      this.required = true;
      return this;
    }

    public Builder doc(String d) {
      this.doc = d;
      return this;
    }

    public Builder since(String s) {
      this.since = s;
      return this;
    }

    public Builder linux(LinuxMapping m) {
      this.linux = m;
      return this;
    }

    public Builder hint(ValueHint h) {
      hints.add(h);
      return this;
    }

    public ParamSpec build() {
      return new ParamSpec(this);
    }
  }
}
