package io.iovc.cli;

import io.iovc.apply.freebsd.FreeBsdApply;
import io.iovc.apply.freebsd.SchemaDiff;
import io.iovc.kernel.freebsd.DeviceName;
import io.iovc.kernel.freebsd.KernelError;
import io.iovc.pipeline.SchemaChoice;
import io.iovc.schema.Schema;
import io.iovc.syntax.Ucl;
import java.util.List;

/**
 * The live half of {@code iovc schema}: {@code -d DEV} prints the schema the kernel publishes for a
 * PF (IOV_GET_SCHEMA) exactly as {@code iovctl -S -d DEV} does, or saves its bytes with {@code -o};
 * {@code --diff} names what a driver plugin gets wrong about it. Without {@code -d}, {@code --diff}
 * compares a schema file ({@code --schema FILE}) with the plugin instead. A difference exits 1,
 * like diff(1).
 */
final class SchemaFromKernel {
  private SchemaFromKernel() {}

  static int run(String device, boolean diff, String output, SchemaOptions opts, String file)
      throws UserError {
    Schema left;
    String leftName;
    String deviceName = null;
    if (device != null) {
      DeviceName.Target t;
      try {
        t = DeviceName.fromOption(device);
      } catch (IllegalArgumentException e) {
        throw new UserError(2, "-d " + device + ": " + e.getMessage());
      }
      FreeBsdApply.LiveSchema live;
      try {
        live = new FreeBsdApply().fetchSchema(t);
      } catch (KernelError e) {
        throw new UserError(
            ExitStatus.of(e.outcome()),
            e.explain(KernelError.Context.none()) + " (" + e.facts() + ")");
      }
      if (!diff) return SchemaCommand.print(live.schema(), live.blob(), output);
      left = live.schema();
      leftName = "the live schema of " + t.name();
      deviceName = t.name();
    } else {
      left = opts.explicitSchema();
      if (left == null)
        throw new UserError(
            2,
            "--diff compares a live schema (-d DEV) or a schema file (--schema FILE) with a driver plugin");
      leftName = left.origin();
    }
    Schema right = device != null ? opts.explicitSchema() : null;
    if (right == null) right = opts.driverSchema();
    if (right == null && deviceName != null) {
      var p = opts.registry().forDevice(deviceName);
      if (p.isPresent()) right = Schema.fromPlugin(p.get().plugin());
    }
    if (right == null && file != null) {
      Inputs.Input in = Inputs.expand(List.of(file), opts.maxInput).get(0);
      if (in.problem() != null) throw new UserError(3, in.problem().message());
      right =
          SchemaChoice.choose(
                  Ucl.parse(in.source(), Ucl.fileVariables(in.path())),
                  io.iovc.pipeline.SchemaRequest.of(opts.registry())
                      .withPlatform(io.iovc.schema.Platform.FREEBSD))
              .schema();
    }
    if (right == null) {
      throw new UserError(
          3,
          "no driver plugin to compare with"
              + (deviceName != null ? " serves `" + deviceName + "`" : "")
              + "; name one with --driver NAME");
    }
    List<SchemaDiff.Difference> diffs = SchemaDiff.compare(left, leftName, right, right.origin());
    if (diffs.isEmpty()) {
      int n = 0;
      for (Schema.Device d : Schema.Device.values()) {
        for (Schema.Subsystem s : Schema.Subsystem.values()) n += left.params(d, s).size();
      }
      Output.out.println(leftName + " and " + right.origin() + " agree (" + n + " parameters)");
      Output.flush();
      return 0;
    }
    Output.out.println(
        leftName
            + " and "
            + right.origin()
            + " differ in "
            + diffs.size()
            + " place"
            + (diffs.size() == 1 ? "" : "s")
            + ":");
    for (SchemaDiff.Difference d : diffs) Output.out.println("  " + d);
    Output.flush();
    return 1;
  }
}
