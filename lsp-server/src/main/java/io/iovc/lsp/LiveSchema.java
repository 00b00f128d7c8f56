package io.iovc.lsp;

import io.iovc.schema.Schema;
import io.iovc.schema.SchemaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * On a FreeBSD host where the file's device exists ({@code /dev/iov/ixl0}), the schema the kernel
 * itself publishes: the text of {@code iovctl -S -d /dev/iov/DEVICE}, read with {@link
 * Schema#fromIovctlText}. Asked at most once a minute per device; anything that goes wrong (not
 * FreeBSD, no device, no permission, no iovctl) simply means no live schema, and the plugin schema
 * is used as before.
 */
final class LiveSchema implements Function<String, Schema> {
  private static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(60);

  private record Entry(Schema schema, long at) {}

  private final Function<String, String> iovctl;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();
  private final Settings settings;

  /** {@code iovctl}: device name to {@code iovctl -S} output, or null. */
  LiveSchema(Settings settings, Function<String, String> iovctl) {
    this.settings = settings;
    this.iovctl = iovctl;
  }

  /** The real thing on FreeBSD; nothing elsewhere. */
  static LiveSchema forThisHost(Settings settings) {
    boolean freebsd =
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("freebsd");
    return new LiveSchema(settings, freebsd ? LiveSchema::runIovctl : d -> null);
  }

  @Override
  public Schema apply(String device) {
    if (!settings.liveSchema) return null;
    if (device == null || !device.matches("[A-Za-z0-9_.-]{1,64}")) return null;
    long now = System.nanoTime();
    Entry e = cache.get(device);
    if (e != null && now - e.at < TTL_NANOS) return e.schema;
    Schema s = null;
    String text = iovctl.apply(device);
    if (text != null) {
      try {
        s = Schema.fromIovctlText(text, "the live schema of /dev/iov/" + device);
      } catch (SchemaException ex) {
        s = null;
      }
    }
    cache.put(device, new Entry(s, now));
    return s;
  }

  private static String runIovctl(String device) {
    Path node = Path.of("/dev/iov", device);
    if (!Files.exists(node)) return null;
    Process p = null;
    try {
      p =
          new ProcessBuilder("iovctl", "-S", "-d", node.toString())
              .redirectErrorStream(false)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readNBytes(1 << 20);
      if (!p.waitFor(3, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      if (p != null && p.isAlive()) p.destroyForcibly();
    }
  }
}
