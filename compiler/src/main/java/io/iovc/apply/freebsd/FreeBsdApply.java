package io.iovc.apply.freebsd;

import io.iovc.apply.ApplyRequest;
import io.iovc.apply.ApplyResult;
import io.iovc.apply.Backend;
import io.iovc.check.CheckedConfig;
import io.iovc.check.ConfigParam;
import io.iovc.check.ConfigTree;
import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.kernel.Outcome;
import io.iovc.kernel.freebsd.DeviceName;
import io.iovc.kernel.freebsd.FreeBsdBackend;
import io.iovc.kernel.freebsd.HostTools;
import io.iovc.kernel.freebsd.KernelError;
import io.iovc.kernel.freebsd.KernelError.Errno;
import io.iovc.kernel.freebsd.KernelError.Op;
import io.iovc.pipeline.Analysis;
import io.iovc.pipeline.DryRun;
import io.iovc.pipeline.Pipeline;
import io.iovc.pipeline.SchemaChoice;
import io.iovc.pipeline.SchemaRequest;
import io.iovc.schema.PluginRegistry;
import io.iovc.schema.Schema;
import io.iovc.schema.SchemaException;
import io.iovc.source.Span;
import io.iovc.syntax.SyntaxTree;
import io.iovc.syntax.Ucl;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * FreeBSD's SR-IOV path over the kernel layer's {@link FreeBsdBackend} ({@code /dev/iov/<pf>} with
 * the {@code IOV_GET_SCHEMA}, {@code IOV_CONFIG} and {@code IOV_DELETE} ioctls), as {@code iovctl}
 * uses them, plus what iovctl does not do: the file is checked against the live schema with iovc's
 * diagnostics before anything changes, the driver plugin is compared with the live schema (IOV233),
 * every errno becomes a sentence saying what to do, and after an apply the VFs the kernel created
 * are counted.
 *
 * <p>Native code (jnr-ffi) is reached only through the kernel layer, i.e. only once one of these
 * operations runs; {@code iovc check}, {@code compile} and the language server never load it.
 */
public final class FreeBsdApply implements Backend {
  /**
   * How failures are worded: iovc's sentences, or iovctl's line first (the {@code iovc -C}
   * compatibility mode).
   */
  public enum Style {
    IOVC,
    IOVCTL
  }

  /** A live schema: the bytes IOV_GET_SCHEMA returned and their strict unpacking. */
  public record LiveSchema(byte[] blob, Schema schema) {}

  private final FreeBsdBackend kernel;

  public FreeBsdApply() {
    this(new FreeBsdBackend());
  }

  public FreeBsdApply(FreeBsdBackend kernel) {
    this.kernel = kernel;
  }

  @Override
  public String name() {
    return "freebsd";
  }

  @Override
  public ApplyResult apply(ApplyRequest request) {
    return configure(request, false, Style.IOVC);
  }

  // ------------------------------------------------------------------ IOV_CONFIG

  /**
   * {@code iovc compile --apply} and {@code iovc -C}: open the PF, fetch its live schema, check the
   * file against it, and only when it checked clean delete the old VFs ({@code replace}) and send
   * {@code IOV_CONFIG}; with {@code dryRun}, print iovctl's listing instead.
   */
  public ApplyResult configure(ApplyRequest r, boolean dryRun, Style style) {
    List<Diagnostic> diags = new ArrayList<>();
    List<String> msgs = new ArrayList<>();
    String file = r.path() == null ? "<stdin>" : r.path().toString();
    SyntaxTree tree = Ucl.parse(r.source(), Ucl.fileVariables(r.path()));
    String device = ConfigTree.findDevice(tree);
    if (device == null) {
      diags.addAll(Pipeline.analyze(tree, SchemaRequest.none(r.registry())).diagnostics());
      if (style == Style.IOVCTL) {
        boolean notString = diags.stream().anyMatch(d -> d.code() == Codes.DEVICE_NOT_STRING);
        msgs.add(
            notString
                ? "Config PF.device must be a string"
                : "Config file does not specify device");
      } else {
        msgs.add(file + ": no PF.device names the PF to configure; nothing applied");
      }
      return new ApplyResult(Outcome.REFUSED, diags, msgs);
    }
    DeviceName.Target target;
    try {
      target = DeviceName.fromConfig(device);
    } catch (IllegalArgumentException e) {
      diags.addAll(Pipeline.analyze(tree, SchemaRequest.none(r.registry())).diagnostics());
      msgs.add(file + ": " + e.getMessage() + "; nothing applied");
      return new ApplyResult(Outcome.REFUSED, diags, msgs);
    }
    KernelError.Context ctx = KernelError.Context.none();
    try (FreeBsdBackend.Device dev = kernel.open(target)) {
      Schema live = unpack(dev.schema(), target);
      long maxSize = r.maxSize();
      long liveMax = -1;
      if (!dryRun && maxSize == Pipeline.DEFAULT_MAX_CONFIG) {
        liveMax = kernel.maxConfig();
        if (liveMax > 0) maxSize = liveMax;
      }
      Analysis res =
          Pipeline.analyze(tree, SchemaRequest.only(live, r.registry()).withMaxSize(maxSize));
      diags.addAll(res.diagnostics());
      Schema other =
          r.explicitSchema() != null ? r.explicitSchema() : pluginSchema(r.registry(), tree);
      if (other != null)
        compareWithPlugin(live, other, target.name(), r.maxSize(), res, diags, r.registry());
      if (res.hasErrors() || res.packed() == null) {
        long n = diags.stream().filter(Diagnostic::isError).count();
        msgs.add(
            file
                + ": nothing applied to "
                + target.name()
                + ": "
                + n
                + " error"
                + (n == 1 ? "" : "s")
                + " (checked against the live schema of "
                + target.name()
                + ")");
        return new ApplyResult(Outcome.REFUSED, diags, msgs).on(target.name());
      }
      CheckedConfig cfg = res.config();
      byte[] packed = res.packed(dev.byteOrder());
      if (dryRun) {
        byte[] b =
            DryRun.listing(target.name(), res.nvlist(), packed.length)
                .getBytes(StandardCharsets.ISO_8859_1);
        r.out().write(b, 0, b.length);
        r.out().flush();
        return new ApplyResult(Outcome.OK, diags, msgs).on(target.name());
      }
      String driver = other != null && other.plugin() != null ? other.plugin().name() : null;
      ctx = new KernelError.Context(r.replace(), cfg.numVfs(), packed.length, liveMax, -1, driver);
      int total = kernel.totalVfs(target.name());
      if (total > 0 && cfg.numVfs() > total) {
        diags.add(
            Diagnostic.of(
                    Codes.TOO_MANY_VFS_FOR_CARD,
                    numVfsSpan(cfg),
                    "num_vfs is "
                        + cfg.numVfs()
                        + " but "
                        + target.name()
                        + " supports at most "
                        + total
                        + " VFs")
                .label("above the card's TotalVFs (" + total + ")")
                .note(
                    "`pciconf -lc` shows \"VFs configured out of "
                        + total
                        + " supported\"; the kernel would answer EINVAL")
                .help("lower num_vfs to " + total + " or less")
                .build());
        msgs.add(
            file
                + ": nothing applied to "
                + target.name()
                + ": 1 error (checked against the card)");
        return new ApplyResult(Outcome.REFUSED, diags, msgs).on(target.name());
      }
      boolean deleted = false;
      if (r.replace()) {
        try {
          dev.delete();
          deleted = true;
          if (style == Style.IOVC)
            r.out().println(target.name() + ": deleted the existing VFs (--replace)");
        } catch (KernelError e) {
          if (!(e.op() == Op.DELETE && e.is(Errno.ECHILD)))
            return failure(e, KernelError.Context.none(), style, diags, msgs).on(target.name());
        }
      }
      try {
        dev.config(packed);
      } catch (KernelError e) {
        if (e.is(Errno.EINVAL))
          ctx =
              new KernelError.Context(
                  r.replace(),
                  cfg.numVfs(),
                  packed.length,
                  liveMax,
                  kernel.totalVfs(target.name()),
                  driver);
        // the VFs --replace deleted stay deleted: IOV_CONFIG failed after that change
        return failure(e, ctx, style, diags, msgs).with(target.name(), deleted, null, false);
      }
      HostTools.Readback back = kernel.readBack(target.name(), cfg.numVfs());
      if (style == Style.IOVC) {
        r.out()
            .println(
                target.name()
                    + ": created "
                    + cfg.numVfs()
                    + " VF"
                    + (cfg.numVfs() == 1 ? "" : "s")
                    + " (IOV_CONFIG, "
                    + packed.length
                    + " bytes)");
        for (String s : back.info()) r.out().println(s);
      }
      for (String s : back.warnings()) msgs.add("warning: " + s);
      r.out().flush();
      // verified: pciconf lists every requested VF; null when pciconf could not be read
      return new ApplyResult(Outcome.OK, diags, msgs)
          .with(target.name(), true, back.found() < 0 ? null : back.warnings().isEmpty(), false);
    } catch (KernelError e) {
      return failure(e, ctx, style, diags, msgs).on(target.name());
    }
  }

  private static Span numVfsSpan(CheckedConfig cfg) {
    ConfigParam p = cfg.pf() == null ? null : cfg.pf().param("num_vfs");
    return p == null || p.member() == null ? Span.at(0) : p.member().value().span();
  }

  private static Span deviceSpan(Analysis res) {
    CheckedConfig cfg = res.config();
    ConfigParam p = cfg == null || cfg.pf() == null ? null : cfg.pf().param("device");
    return p == null || p.member() == null ? Span.at(0) : p.member().value().span();
  }

  /**
   * The plugin schema iovc would use offline: a {@code # iovc: driver=} modeline, else by
   * PF.device.
   */
  private static Schema pluginSchema(PluginRegistry registry, SyntaxTree tree) {
    if (registry == null) return null;
    return SchemaChoice.choose(
            tree, SchemaRequest.of(registry).withPlatform(io.iovc.schema.Platform.FREEBSD))
        .schema();
  }

  /**
   * IOV233 when the plugin's schema and the live one disagree, and the plugin's driver hints
   * (IOV312 and plugin codes) for parameters the live check accepted: the live schema carries no
   * documentation, the plugin does.
   */
  private static void compareWithPlugin(
      Schema live,
      Schema other,
      String device,
      long maxSize,
      Analysis res,
      List<Diagnostic> diags,
      PluginRegistry registry) {
    List<SchemaDiff.Difference> diffs =
        SchemaDiff.compare(live, "the live schema", other, other.origin());
    if (!diffs.isEmpty()) {
      Diagnostic.Builder b =
          Diagnostic.of(
                  Codes.LIVE_SCHEMA_DIFFERS,
                  deviceSpan(res),
                  other.origin()
                      + " differs from the live schema of "
                      + device
                      + ": "
                      + SchemaDiff.names(diffs))
              .label("checked against the live schema")
              .help(
                  "iovc used the live schema; `iovc schema -d "
                      + device
                      + " --diff` lists the differences, `iovc schema -d "
                      + device
                      + " -o FILE` saves the live schema for offline use with --schema FILE");
      for (SchemaDiff.Difference d : diffs) b.note(d.toString());
      diags.add(b.build());
    }
    if (other.plugin() == null) return;
    Set<String> have = new HashSet<>();
    for (Diagnostic d : diags) have.add(d.code().id() + "@" + d.span());
    Set<String> hintCodes = Set.of(Codes.DRIVER_MAX_VFS.id());
    Analysis byPlugin =
        Pipeline.analyze(res.tree(), SchemaRequest.only(other, registry).withMaxSize(maxSize));
    for (Diagnostic d : byPlugin.diagnostics()) {
      if (d.isError()) continue;
      boolean hint = hintCodes.contains(d.code().id()) || !d.code().id().startsWith("IOV");
      if (hint && have.add(d.code().id() + "@" + d.span())) diags.add(d);
    }
    diags.sort((a, b) -> a.span().compareTo(b.span()));
  }

  private static Schema unpack(byte[] blob, DeviceName.Target t) throws KernelError {
    try {
      return Schema.fromBlob(blob, "the live schema of " + t.name());
    } catch (SchemaException e) {
      throw new KernelError(
          Op.SCHEMA_UNPACK, Errno.EINVAL.host(), t.path(), t.name(), e.getMessage());
    }
  }

  private static ApplyResult failure(
      KernelError e,
      KernelError.Context ctx,
      Style style,
      List<Diagnostic> diags,
      List<String> msgs) {
    if (style == Style.IOVCTL) {
      msgs.add(e.iovctlMessage());
      msgs.add(e.explain(ctx));
    } else {
      msgs.add(e.explain(ctx));
      msgs.add("(" + e.facts() + ")");
    }
    return new ApplyResult(e.outcome(), diags, msgs);
  }

  // ------------------------------------------------------------------ IOV_DELETE

  /**
   * {@code iovc delete -d DEV} and {@code iovc -D}: delete every VF of the PF. With {@code
   * ifExists}, a PF without VFs (ECHILD) is success.
   */
  public ApplyResult delete(
      DeviceName.Target t, boolean ifExists, boolean dryRun, Style style, PrintStream out) {
    List<String> msgs = new ArrayList<>();
    try (FreeBsdBackend.Device dev = kernel.open(t)) {
      if (dryRun) {
        out.println("Would attempt to delete all VF children of '" + t.asGiven() + "'");
        out.flush();
        return new ApplyResult(Outcome.OK, List.of(), msgs).on(t.name());
      }
      dev.delete();
      if (style == Style.IOVC) out.println(t.name() + ": deleted all VFs");
      out.flush();
      // verified: pciconf's SR-IOV capability of the PF counts no VFs; null when unreadable, and
      // not asked for iovctl's -D, which prints nothing on success
      if (style == Style.IOVCTL)
        return new ApplyResult(Outcome.OK, List.of(), msgs).with(t.name(), true, null, false);
      HostTools.Readback back = kernel.readBack(t.name(), 0);
      for (String w : back.warnings()) msgs.add("warning: " + w);
      return new ApplyResult(Outcome.OK, List.of(), msgs)
          .with(t.name(), true, back.found() < 0 ? null : back.warnings().isEmpty(), false);
    } catch (KernelError e) {
      if (ifExists && e.op() == Op.DELETE && e.is(Errno.ECHILD)) {
        msgs.add(t.name() + " has no VFs; nothing to delete");
        // the kernel's own answer (ECHILD: no VF children) is the state a delete asks for
        return new ApplyResult(Outcome.OK, List.of(), msgs).with(t.name(), false, true, false);
      }
      return failure(e, KernelError.Context.none(), style, new ArrayList<>(), msgs).on(t.name());
    }
  }

  // ------------------------------------------------------------------ IOV_GET_SCHEMA

  /** The PF's live schema, fetched with the two-call protocol and unpacked strictly. */
  public LiveSchema fetchSchema(DeviceName.Target t) throws KernelError {
    try (FreeBsdBackend.Device dev = kernel.open(t)) {
      byte[] blob = dev.schema();
      return new LiveSchema(blob, unpack(blob, t));
    }
  }
}
