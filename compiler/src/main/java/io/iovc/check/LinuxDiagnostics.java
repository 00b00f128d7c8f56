package io.iovc.check;

import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.plugin.LinuxDriverSupport;
import io.iovc.source.Span;
import io.iovc.syntax.Ascii;

/** The words of the Linux-only checks ({@link LinuxSettings}). One factory per code. */
final class LinuxDiagnostics {
  private LinuxDiagnostics() {}

  /**
   * IOV405: a Linux-only setting whose value the kernel does not take ({@code link-state}, {@code
   * vlan-proto} and {@code eswitch-mode} words, {@code vlan-qos} above 7).
   */
  static Diagnostic badValue(ConfigParam p, String expected, String kernel) {
    return Diagnostic.of(
            Codes.LINUX_BAD_VALUE,
            p.member().value().span(),
            "`" + Ascii.display(p.name()) + "` is " + expected + ", not " + p.value().display())
        .label("not accepted on Linux")
        .note(kernel)
        .help("write " + expected)
        .build();
  }

  /**
   * IOV406: the Linux driver of the PF does not implement a setting the file writes ({@code s} is
   * null), or refuses its value; cites where in the driver's source the table was read.
   */
  static Diagnostic driverCannot(
      ConfigParam p, LinuxDriverSupport driver, LinuxDriverSupport.Support s) {
    String name = Ascii.display(p.name());
    String message;
    String label;
    String note;
    String help;
    if (s == null) {
      message = driver.driver() + " does not implement `" + name + "` on Linux";
      label = "not implemented by " + driver.driver();
      note =
          p.schemaParam().spec() != null
                  && p.schemaParam().spec().linux() == io.iovc.plugin.LinuxMapping.ESWITCH_MODE
              ? driver.driver()
                  + " has no devlink eswitch_mode_set callback; devlink answers EOPNOTSUPP"
              : driver.driver()
                  + " has no ndo_set_vf_* callback for it ("
                  + driver.sourceFile()
                  + "); the kernel answers EOPNOTSUPP";
      help = "remove `" + name + "`: the driver keeps its own behaviour";
    } else if (s.kind() == LinuxDriverSupport.Kind.ONLY) {
      message = driver.driver() + " accepts only `" + name + " = " + s.value() + "`";
      label = driver.driver() + " answers " + s.errno();
      note = "from " + driver.sourceFile() + ", " + s.source();
      help = "write " + s.value() + " or remove the line";
    } else {
      message =
          driver.driver()
              + " accepts `"
              + name
              + "` up to "
              + Long.toUnsignedString(s.max())
              + ", not "
              + p.value().display();
      label = driver.driver() + " answers " + s.errno();
      note = "from " + driver.sourceFile() + ", " + s.source();
      help = "write at most " + Long.toUnsignedString(s.max());
    }
    Span at = p.member().key().span().to(p.member().value().span());
    Diagnostic.Builder d =
        Diagnostic.of(Codes.LINUX_DRIVER_CANNOT, at, message).label(label).note(note).help(help);
    if (s != null && !s.condition().isEmpty()) d.note(s.condition());
    return d.build();
  }
}
