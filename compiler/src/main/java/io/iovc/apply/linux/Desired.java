package io.iovc.apply.linux;

import io.iovc.check.CheckedConfig;
import io.iovc.check.ConfigParam;
import io.iovc.check.ConfigSection;
import io.iovc.check.EffectiveValues;
import io.iovc.check.TypedValue;
import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.kernel.linux.Target;
import io.iovc.kernel.linux.Target.Binding;
import io.iovc.kernel.linux.Target.Rate;
import io.iovc.kernel.linux.Target.Source;
import io.iovc.kernel.linux.Target.VfTarget;
import io.iovc.kernel.linux.Target.Vlan;
import io.iovc.plugin.LinuxDriverSupport;
import io.iovc.plugin.LinuxMapping;
import io.iovc.plugin.ParamType;
import io.iovc.schema.Schema;
import io.iovc.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The file's meaning on Linux (spec/linux-sriov.md §2): a checked configuration, each VF's values
 * resolved by {@link EffectiveValues} (as {@link io.iovc.lower.Lowering} does, schema defaults
 * filled in), turned into VF attributes through each parameter's {@link LinuxMapping}:
 *
 * <ul>
 *   <li>MAC_ADDRESS → the VF's administrative MAC (left to the driver when the file has none);
 *   <li>SPOOF_CHECK → spoofchk; VLAN → port VLAN ({@code trunk} → 0);
 *   <li>TRUST → the single trust bit: {@code trust} itself, or allow-promisc, or allow-set-mac when
 *       mac-addr is set (without mac-addr FreeBSD and Linux both let the VF choose), with a warning
 *       when allow-set-mac and allow-promisc disagree;
 *   <li>passthrough → vfio-pci; NOT_SETTABLE and NONE → warnings, nothing applied.
 * </ul>
 *
 * Values are always explicit: FreeBSD's defaults (anti-spoofing on, trust off) are not every Linux
 * driver's.
 */
public final class Desired {
  private Desired() {}

  /**
   * The target, the warnings about what Linux cannot express, and where each VF attribute's value
   * is written in the file (for messages about it; the kernel's target knows no files).
   */
  public record Result(Target target, List<Diagnostic> diagnostics, Map<String, Span> spans) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
      spans = Map.copyOf(spans);
    }

    /** Where VF-{@code vf}'s {@code attribute} is written, or null (a schema default). */
    public Span span(int vf, String attribute) {
      return spans.get(vf + "/" + attribute);
    }
  }

  /** A parameter's value for one VF and where it came from. */
  private record Value(String name, TypedValue value, String origin, boolean explicit, Span span) {
    String why() {
      String shown =
          value instanceof TypedValue.Num n && n.value() == 4096 && name.equalsIgnoreCase("vlan")
              ? "trunk"
              : value.display();
      return name + " = " + shown + (origin.isEmpty() ? "" : " (" + origin + ")");
    }
  }

  public static Result from(
      CheckedConfig config, Schema schema, String linuxDriver, boolean recreate) {
    List<Diagnostic> diags = new ArrayList<>();
    List<Schema.Param> params = schema.params(Schema.Device.VF, Schema.Subsystem.DRIVER);
    List<VfTarget> vfs = new ArrayList<>();
    EffectiveValues values = EffectiveValues.of(config);
    Map<Span, TrustIssue> trustIssues = new LinkedHashMap<>();
    Map<String, Span> spans = new HashMap<>();
    for (int i = 0; i < config.numVfs(); i++) {
      Map<String, Source> sources = new LinkedHashMap<>();
      String mac = null;
      Vlan vlan = null;
      Boolean spoof = null;
      Long qos = null;
      String proto = null;
      Long maxRate = null;
      Long minRate = null;
      String linkState = null;
      Boolean queryRss = null;
      List<Value> vlanValues = new ArrayList<>();
      List<Value> rateValues = new ArrayList<>();
      List<Value> trustValues = new ArrayList<>();
      for (Schema.Param p : params) {
        LinuxMapping m = mapping(p);
        Value v = value(values, i, p.name(), p);
        if (v == null) continue;
        switch (m) {
          case MAC_ADDRESS -> {
            if (v.value() instanceof TypedValue.Mac mv) {
              mac = mv.display().toLowerCase(Locale.ROOT);
              put(sources, spans, i, "mac", new Source(v.name(), v.why(), v.explicit()), v.span());
            }
          }
          case SPOOF_CHECK -> {
            if (v.value() instanceof TypedValue.Bool b) {
              spoof = b.value();
              put(
                  sources,
                  spans,
                  i,
                  "spoofchk",
                  new Source(v.name(), v.why(), v.explicit()),
                  v.span());
            }
          }
          case TRUST -> {
            if (v.value() instanceof TypedValue.Bool) trustValues.add(v);
          }
          case VLAN -> {
            if (v.value() instanceof TypedValue.Num n) {
              vlan = new Vlan(n.value() >= 4096 ? 0 : (int) n.value(), 0, "802.1Q");
              String why = v.why() + (n.value() >= 4096 ? ": no port VLAN" : "");
              vlanValues.add(0, new Value(v.name(), v.value(), v.origin(), v.explicit(), v.span()));
              put(sources, spans, i, "vlan", new Source(v.name(), why, v.explicit()), v.span());
            }
          }
          case VLAN_QOS -> {
            if (v.value() instanceof TypedValue.Num n) {
              qos = n.value();
              vlanValues.add(v);
            }
          }
          case VLAN_PROTO -> {
            if (v.value() instanceof TypedValue.Str str) {
              proto = str.value().equalsIgnoreCase("802.1ad") ? "802.1ad" : "802.1Q";
              vlanValues.add(v);
            }
          }
          case MAX_TX_RATE -> {
            if (v.value() instanceof TypedValue.Num n) {
              maxRate = n.value();
              rateValues.add(v);
            }
          }
          case MIN_TX_RATE -> {
            if (v.value() instanceof TypedValue.Num n) {
              minRate = n.value();
              rateValues.add(v);
            }
          }
          case LINK_STATE -> {
            if (v.value() instanceof TypedValue.Str str) {
              linkState = str.value();
              put(
                  sources,
                  spans,
                  i,
                  "state",
                  new Source(v.name(), v.why(), v.explicit()),
                  v.span());
            }
          }
          case QUERY_RSS -> {
            if (v.value() instanceof TypedValue.Bool b) {
              queryRss = b.value();
              put(
                  sources,
                  spans,
                  i,
                  "query_rss",
                  new Source(v.name(), v.why(), v.explicit()),
                  v.span());
            }
          }
          default -> {}
        }
      }
      if (qos != null || proto != null) {
        // qos and protocol travel with the VLAN id in one IFLA_VF_VLAN_LIST entry
        vlan =
            new Vlan(
                vlan == null ? 0 : vlan.id(),
                qos == null ? 0 : qos.intValue(),
                proto == null ? "802.1Q" : proto);
        put(sources, spans, i, "vlan", joined(vlanValues), firstExplicit(vlanValues));
      }
      Rate rate = null;
      if (maxRate != null || minRate != null) {
        // one IFLA_VF_RATE carries both limits: the one the file does not write is 0
        rate = new Rate(minRate == null ? 0 : minRate, maxRate == null ? 0 : maxRate);
        put(sources, spans, i, "rate", joined(rateValues), firstExplicit(rateValues));
      }
      Boolean trust = trust(i, trustValues, mac != null, trustIssues);
      if (trust != null) {
        List<String> names = new ArrayList<>();
        List<String> whys = new ArrayList<>();
        boolean explicit = false;
        for (Value v : trustValues) {
          names.add(v.name());
          whys.add(v.why());
          explicit |= v.explicit();
        }
        put(
            sources,
            spans,
            i,
            "trust",
            new Source(String.join("/", names), String.join(", ", whys), explicit),
            firstExplicit(trustValues));
      }
      Value pt =
          value(
              values,
              i,
              "passthrough",
              schema.lookup(Schema.Device.VF, Schema.Subsystem.IOV, "passthrough"));
      boolean passthrough = pt != null && pt.value() instanceof TypedValue.Bool b && b.value();
      Binding binding = passthrough ? new Binding.Passthrough() : new Binding.Native();
      String whyBinding = pt == null ? "passthrough = false (schema default)" : pt.why();
      put(
          sources,
          spans,
          i,
          "binding",
          new Source("passthrough", whyBinding, pt != null && pt.explicit()),
          pt == null ? null : pt.span());
      vfs.add(
          new VfTarget(i, mac, vlan, spoof, trust, linkState, rate, queryRss, binding, sources));
    }
    for (TrustIssue t : trustIssues.values()) diags.add(t.diagnostic());
    diags.addAll(unmappedWarnings(config, schema, linuxDriver));
    return new Result(
        new Target(
            config.numVfs(), vfs, recreate, null, eswitch(config, schema, linuxDriver, spans)),
        diags,
        spans);
  }

  /**
   * The PF's {@code eswitch-mode} (ESWITCH_MODE), or null when the file does not write it; its span
   * is kept under {@code "pf/eswitch-mode"}. The driver's table says whether the mode changes only
   * without VFs ({@link LinuxDriverSupport#eswitchModeWithoutVfs()}).
   */
  private static Target.Eswitch eswitch(
      CheckedConfig config, Schema schema, String linuxDriver, Map<String, Span> spans) {
    ConfigSection pf = config.pf();
    if (pf == null) return null;
    for (ConfigParam cp : pf.driver()) {
      Schema.Param p = cp.schemaParam();
      if (p == null || mapping(p) != LinuxMapping.ESWITCH_MODE) continue;
      if (!(cp.value() instanceof TypedValue.Str s)) continue;
      boolean withoutVfs = false;
      if (schema.plugin() != null && linuxDriver != null)
        for (LinuxDriverSupport d : schema.plugin().linuxSupport())
          if (d.driver().equalsIgnoreCase(linuxDriver)) withoutVfs = d.eswitchModeWithoutVfs();
      spans.put("pf/eswitch-mode", span(cp));
      return new Target.Eswitch(
          s.value(), withoutVfs, new Source(cp.name(), cp.name() + " = " + s.value(), true));
    }
    return null;
  }

  /** One source for several parameters that make one attribute (vlan + qos + proto, rates). */
  private static Source joined(List<Value> values) {
    List<String> names = new ArrayList<>();
    List<String> whys = new ArrayList<>();
    boolean explicit = false;
    for (Value v : values) {
      names.add(v.name());
      whys.add(v.why());
      explicit |= v.explicit();
    }
    return new Source(String.join("/", names), String.join(", ", whys), explicit);
  }

  /** Where the first of {@code values} written in the file is, or null. */
  private static Span firstExplicit(List<Value> values) {
    for (Value v : values) if (v.explicit()) return v.span();
    return null;
  }

  /** Records VF-{@code vf}'s source of {@code attribute} and where it is written. */
  private static void put(
      Map<String, Source> sources,
      Map<String, Span> spans,
      int vf,
      String attribute,
      Source source,
      Span span) {
    sources.put(attribute, source);
    if (span != null) spans.put(vf + "/" + attribute, span);
    else spans.remove(vf + "/" + attribute);
  }

  /** How a parameter maps: the plugin says; a schema without a plugin is mapped by name. */
  static LinuxMapping mapping(Schema.Param p) {
    if (p.spec() != null) return p.spec().linux();
    String n = p.name().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "mac-addr" -> LinuxMapping.MAC_ADDRESS;
      case "mac-anti-spoof" -> LinuxMapping.SPOOF_CHECK;
      case "allow-set-mac", "allow-promisc", "trust" -> LinuxMapping.TRUST;
      case "vlan" -> p.type() == ParamType.VLAN ? LinuxMapping.VLAN : LinuxMapping.NONE;
      case "num-queues" -> LinuxMapping.NOT_SETTABLE;
      default -> LinuxMapping.NONE;
    };
  }

  /**
   * VF {@code i}'s value of a parameter: its own section, then DEFAULT, then the schema default
   * ({@link EffectiveValues#of(int, String, Schema.Param)}).
   */
  private static Value value(EffectiveValues values, int i, String name, Schema.Param p) {
    EffectiveValues.Value v = values.of(i, name, p);
    if (v == null) return null;
    return switch (v.origin()) {
      case VF -> new Value(v.name(), v.value(), "", true, span(v.written()));
      case DEFAULT -> new Value(v.name(), v.value(), "from DEFAULT", true, span(v.written()));
      case SCHEMA -> new Value(v.name(), v.value(), "schema default", false, null);
    };
  }

  private static Span span(ConfigParam cp) {
    return cp.member().key().span().to(cp.member().value().span());
  }

  /**
   * A disagreement of allow-set-mac and allow-promisc, anchored where the winning value is written.
   */
  private static final class TrustIssue {
    final Span span;
    final String message;
    final TreeSet<Integer> vfs = new TreeSet<>();

    TrustIssue(Span span, String message) {
      this.span = span;
      this.message = message;
    }

    Diagnostic diagnostic() {
      List<String> names = new ArrayList<>();
      for (int v : vfs) names.add("VF-" + v);
      return Diagnostic.of(Codes.LINUX_TRUST_PAIR, span == null ? Span.at(0) : span, message)
          .label(String.join(", ", names) + (vfs.size() == 1 ? " gets" : " get") + " trust on")
          .note(
              "Linux has one bit, `trust`, for both: with it on the VF may change its MAC and use (limited) promiscuous mode")
          .help(
              "set allow-set-mac and allow-promisc to the same value, or accept the wider permission")
          .build();
    }
  }

  private static Boolean trust(
      int vf, List<Value> values, boolean macSet, Map<Span, TrustIssue> issues) {
    if (values.isEmpty()) return null;
    Value setMac = null;
    Value promisc = null;
    boolean other = false;
    for (Value v : values) {
      boolean on = ((TypedValue.Bool) v.value()).value();
      switch (v.name().toLowerCase(Locale.ROOT)) {
        case "allow-set-mac" -> setMac = v;
        case "allow-promisc" -> promisc = v;
        default -> other |= on;
      }
    }
    // the Linux-only `trust`, written in the file, is the bit itself
    for (Value v : values) {
      if (v.explicit() && v.name().equalsIgnoreCase("trust"))
        return ((TypedValue.Bool) v.value()).value();
    }
    boolean asm = setMac != null && ((TypedValue.Bool) setMac.value()).value();
    boolean ap = promisc != null && ((TypedValue.Bool) promisc.value()).value();
    boolean trust = other || ap || (asm && macSet);
    if (setMac != null && promisc != null && macSet && asm != ap) {
      Value winner = asm ? setMac : promisc;
      String msg =
          asm
              ? "allow-set-mac = true needs trust on, which also lets the VF use promiscuous mode (allow-promisc = false cannot hold on Linux)"
              : "allow-promisc = true needs trust on, which also lets the VF change its MAC (allow-set-mac = false cannot hold on Linux)";
      Span at = winner.span() != null ? winner.span() : (asm ? promisc : setMac).span();
      issues.computeIfAbsent(at, s -> new TrustIssue(s, msg)).vfs.add(vf);
    }
    return trust;
  }

  /** Warnings for parameters written in the file that Linux cannot apply. */
  private static List<Diagnostic> unmappedWarnings(
      CheckedConfig c, Schema schema, String linuxDriver) {
    List<Diagnostic> out = new ArrayList<>();
    String drv = linuxDriver == null ? "this driver" : "this driver (" + linuxDriver + ")";
    for (ConfigSection s : c.sections()) {
      if (s.kind() == ConfigSection.Kind.PF) continue;
      for (ConfigParam cp : s.driver()) {
        Schema.Param p = schema.lookup(Schema.Device.VF, Schema.Subsystem.DRIVER, cp.name());
        if (p == null) continue;
        LinuxMapping m = mapping(p);
        if (m == LinuxMapping.NOT_SETTABLE) {
          out.add(
              Diagnostic.of(
                      Codes.LINUX_NOT_SETTABLE,
                      span(cp),
                      cp.name() + " is not settable from the host on " + drv)
                  .label("not applied on Linux")
                  .note(notSettableNote(cp.name()))
                  .help(
                      "keep it for FreeBSD; on Linux the VF's own driver decides (for queues: `ethtool -L <vf> combined N` inside the VF)")
                  .build());
        } else if (m == LinuxMapping.NONE) {
          out.add(
              Diagnostic.of(
                      Codes.LINUX_NO_COUNTERPART,
                      span(cp),
                      cp.name() + " has no Linux counterpart and is not applied")
                  .label("ignored on Linux")
                  .build());
        }
      }
    }
    return out;
  }

  private static String notSettableNote(String name) {
    if (name.equalsIgnoreCase("num-queues")) {
      return "i40e, ice and ixgbe have no host-side queue count per VF; the VF asks for queues itself (iavf: VIRTCHNL REQUEST_QUEUES)";
    }
    return "the Linux driver has no host-side knob for it";
  }
}
