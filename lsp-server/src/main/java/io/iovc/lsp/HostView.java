package io.iovc.lsp;

import io.iovc.apply.linux.LinuxApply;
import io.iovc.check.ConfigTree;
import io.iovc.kernel.linux.LiveState;
import io.iovc.kernel.linux.Plan;
import io.iovc.schema.PluginRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the machine the server runs on says about a file's PF, for the code lens: its VF limit and
 * whether it has drifted from the file ({@code iovc diff}). Only when the user enabled live checks
 * ({@code iovc.liveChecks}) and only for a PF this host has; null otherwise.
 */
interface HostView {
  /** A host that has no PF (and tests that need none). */
  HostView NONE = a -> null;

  /**
   * The PF as this host sees it.
   *
   * @param pf the PF's name here ("enp5s0f0 = 0000:05:00.0")
   * @param totalVfs the most VFs it can have, or null when unknown
   * @param drift one line: in sync, the differences, or why it could not be compared
   */
  record Host(String pf, Integer totalVfs, String drift) {}

  /** The PF of the analysed file on this host, or null. */
  Host look(Analysis a);

  /**
   * The Linux host through {@link LinuxApply} (what {@code iovc diff} does), asked at most every
   * {@code ttlMs} per document version. Anything that goes wrong means no lens, never an error.
   */
  final class Linux implements HostView {
    private record Entry(int version, long at, Host host) {}

    private final Settings settings;
    private final PluginRegistry registry;
    private final Supplier<LinuxApply> backend;
    private final long ttlNanos;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    Linux(Settings settings, PluginRegistry registry, Supplier<LinuxApply> backend, long ttlMs) {
      this.settings = settings;
      this.registry = registry;
      this.backend = backend;
      this.ttlNanos = TimeUnit.MILLISECONDS.toNanos(ttlMs);
    }

    /** The real host on Linux; {@link #NONE} elsewhere. */
    static HostView forThisHost(Settings settings, PluginRegistry registry) {
      boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
      return linux ? new Linux(settings, registry, LinuxApply::new, 30_000) : NONE;
    }

    @Override
    public Host look(Analysis a) {
      if (!settings.liveChecks || a.tooLarge || ConfigTree.findDevice(a.tree) == null) return null;
      long now = System.nanoTime();
      Entry e = cache.get(a.uri);
      if (e != null && e.version == a.version && now - e.at < ttlNanos) return e.host;
      Host h;
      try {
        h = ask(a);
      } catch (RuntimeException ex) {
        h = null;
      }
      cache.put(a.uri, new Entry(a.version, now, h));
      return h;
    }

    private Host ask(Analysis a) {
      LinuxApply.Prepared p =
          backend
              .get()
              .prepare(
                  Document.pathOf(a.uri),
                  a.src,
                  registry,
                  "the iovc.driver setting".equals(a.schemaHow) ? a.schema : null,
                  settings.maxFileSize,
                  false);
      LiveState.Pf pf = p.pf();
      if (pf == null) return null;
      String name = pf.netdev() != null ? pf.netdev() + " = " + pf.id() : pf.id();
      String drift;
      Plan plan = p.plan();
      if (plan != null && plan.isEmpty()) {
        drift = "live: " + name + " matches the file";
      } else if (plan != null) {
        int n = plan.differences().isEmpty() ? plan.steps().size() : plan.differences().size();
        drift =
            "live: "
                + name
                + " differs ("
                + n
                + (plan.differences().isEmpty() ? " pending change" : " difference")
                + (n == 1 ? "" : "s")
                + "): iovc diff";
      } else if (p.problem() != null) {
        drift = "live: " + p.problem();
      } else {
        drift = "live: not compared while the file has errors";
      }
      return new Host(name, pf.totalVfs(), drift);
    }
  }
}
