package io.iovc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Optional cross-check of hand-written test expectations against FreeBSD's own code. The oracle is
 * not part of the project: set {@code IOVC_ORACLE} to a directory holding {@code ucldump FILE}
 * (prints libucl's tree in {@code UclDump}'s format, or {@code ERROR}) and {@code run.sh SCHEMA.bin
 * FILE} (prints iovctl's exit status, stdout, stderr and packed bytes). Without the variable
 * (always so in CI) every method returns null and the tests check iovc against their literal
 * expectations only.
 */
public final class Oracle {
  private Oracle() {}

  private static Path dir() {
    String d = System.getenv("IOVC_ORACLE");
    return d == null || d.isBlank() ? null : Path.of(d);
  }

  public static boolean available() {
    return dir() != null;
  }

  /** libucl's tree of {@code file} (UclDump format), or null without an oracle. */
  public static String ucldump(Path file) {
    Path d = dir();
    if (d == null) return null;
    return new String(
        exec(d.resolve("ucldump").toString(), file.toString()), StandardCharsets.ISO_8859_1);
  }

  /** Writes {@code input} to a temporary file and returns libucl's tree, or null. */
  public static String ucldump(byte[] input) {
    if (!available()) return null;
    try {
      Path f = Files.createTempFile("iovc-oracle", ".conf");
      try {
        Files.write(f, input);
        return ucldump(f);
      } finally {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** What iovctl -C -n did with a config: exit status, stdout, stderr, packed hex (or "none"). */
  public record Verdict(int exit, String stdout, String stderr, String packed) {
    public boolean accepted() {
      return exit == 0;
    }

    /** The first line of stderr without the {@code iovctl: } prefix. */
    public String message() {
      String first = stderr.lines().findFirst().orElse("");
      return first.startsWith("iovctl: ") ? first.substring(8) : first;
    }
  }

  /** Runs iovctl's parse/validate code on {@code config} with a packed schema, or returns null. */
  public static Verdict iovctl(byte[] schemaBlob, byte[] config) {
    Path d = dir();
    if (d == null) return null;
    try {
      Path tmp = Files.createTempDirectory("iovc-oracle");
      Path s = tmp.resolve("schema.bin");
      Path c = tmp.resolve("config.conf");
      Files.write(s, schemaBlob);
      Files.write(c, config);
      String out =
          new String(
              exec(d.resolve("run.sh").toString(), s.toString(), c.toString()),
              StandardCharsets.ISO_8859_1);
      Files.delete(s);
      Files.delete(c);
      Files.delete(tmp);
      int exit = Integer.parseInt(out.substring(5, out.indexOf('\n')));
      String stdout = out.substring(out.indexOf("stdout:\n") + 8, out.indexOf("stderr:\n"));
      String stderr = out.substring(out.indexOf("stderr:\n") + 8, out.lastIndexOf("packed: "));
      String packed = out.substring(out.lastIndexOf("packed: ") + 8).strip();
      return new Verdict(exit, stdout, stderr, packed);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] exec(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      byte[] out;
      try (InputStream in = p.getInputStream()) {
        out = in.readAllBytes();
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("oracle timed out: " + String.join(" ", cmd));
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
