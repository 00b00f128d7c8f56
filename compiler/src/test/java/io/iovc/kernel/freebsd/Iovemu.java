package io.iovc.kernel.freebsd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.iovc.nvlist.NvPacker;
import io.iovc.plugin.DriverPlugin;
import io.iovc.plugin.ParamSpec;
import io.iovc.plugin.ParamType;
import io.iovc.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jnr.ffi.LibraryLoader;

/**
 * The /dev/iov emulator ({@code src/test/c/iovemu.c}): builds it with gcc once per test run and
 * drives its state directory. Tests that need it are skipped, with a message saying so, when gcc is
 * missing.
 */
public final class Iovemu {
  /** What the emulator exports besides open/ioctl/close. */
  public interface Control {
    void iovemu_setup(String dir);

    void iovemu_abi(long[] out);
  }

  private static Path built;
  private static String buildProblem;
  private static Control control;

  public final Path dir;

  private Iovemu(Path dir) {
    this.dir = dir;
  }

  /** The emulator library, built with {@code gcc -shared -fPIC} into target/iovemu. */
  public static synchronized Path library() {
    if (built == null && buildProblem == null) build();
    assumeTrue(
        buildProblem == null,
        () ->
            "the /dev/iov emulator cannot be built, so the jnr-ffi seam tests are skipped: "
                + buildProblem);
    return built;
  }

  private static void build() {
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    Path src = base.resolve("src/test/c/iovemu.c");
    Path out = base.resolve("target/iovemu/libiovemu.so");
    try {
      if (!Files.exists(src)) {
        buildProblem = src + " not found";
        return;
      }
      Files.createDirectories(out.getParent());
      Process p;
      try {
        p =
            new ProcessBuilder(
                    "gcc",
                    "-shared",
                    "-fPIC",
                    "-O1",
                    "-Wall",
                    "-Wextra",
                    "-Werror",
                    "-o",
                    out.toString(),
                    src.toString(),
                    "-ldl")
                .redirectErrorStream(true)
                .start();
      } catch (IOException e) {
        buildProblem = "gcc is not installed (" + e.getMessage() + ")";
        return;
      }
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        buildProblem = "gcc failed: " + log;
        return;
      }
      built = out;
    } catch (IOException e) {
      buildProblem = e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      buildProblem = "interrupted";
    }
  }

  public static synchronized Control control() {
    Path lib = library();
    if (control == null)
      control = LibraryLoader.create(Control.class).failImmediately().load(lib.toString());
    return control;
  }

  /** A fresh emulator state in {@code dir}, made current for in-process calls. */
  public static Iovemu in(Path dir) {
    Iovemu e = files(dir);
    control().iovemu_setup(dir.toString());
    return e;
  }

  /** A fresh emulator state for another process, which finds it through IOVEMU_DIR. */
  public static Iovemu files(Path dir) {
    try {
      Files.createDirectories(dir.resolve("dev"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Iovemu(dir);
  }

  public Path dev(String name) {
    return dir.resolve("dev").resolve(name);
  }

  /** Creates /dev/iov/NAME answering IOV_GET_SCHEMA with {@code schema}. */
  public Iovemu device(String name, byte[] schema) {
    write(dev(name).resolve("schema.bin"), schema);
    return this;
  }

  /** Makes {@code op} (open, schema, config, delete) fail with {@code errno}; null clears it. */
  public Iovemu fail(String name, String op, String errno) {
    Path p = dev(name).resolve("fail." + op);
    if (errno == null) delete(p);
    else write(p, errno.getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  public Iovemu file(String name, String file, String content) {
    Path p = dev(name).resolve(file);
    if (content == null) delete(p);
    else write(p, content.getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  /**
   * Gives the PF VFs (IOV_CONFIG then answers EBUSY) or takes them away (IOV_DELETE answers
   * ECHILD).
   */
  public Iovemu hasVfs(String name, boolean yes) {
    return file(name, "vfs", yes ? "1\n" : null);
  }

  public boolean hasVfs(String name) {
    return Files.exists(dev(name).resolve("vfs"));
  }

  /** The exact bytes the last IOV_CONFIG passed, or null. */
  public byte[] config(String name) {
    Path p = dev(name).resolve("config.bin");
    try {
      return Files.exists(p) ? Files.readAllBytes(p) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The calls so far, one line each. */
  public List<String> log() {
    Path p = dir.resolve("log");
    try {
      return Files.exists(p)
          ? Files.readAllLines(p, StandardCharsets.ISO_8859_1)
          : new ArrayList<>();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Only the ioctl lines, reduced to "REQUEST-CODE NAME fields -> result". */
  public List<String> ioctls() {
    List<String> out = new ArrayList<>();
    for (String l : log()) {
      if (l.startsWith("ioctl ")) out.add(l.substring(l.indexOf("req=")));
    }
    return out;
  }

  private static void write(Path p, byte[] b) {
    try {
      Files.createDirectories(p.getParent());
      Files.write(p, b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------ a test driver

  /** An ixl-like plugin (the real ones live in driver-plugins/, outside this module). */
  public static DriverPlugin ixl(boolean withNumQueues, boolean withVlan) {
    List<ParamSpec> vf = new ArrayList<>();
    vf.add(ParamSpec.of("mac-addr", ParamType.UNICAST_MAC).build());
    vf.add(ParamSpec.of("mac-anti-spoof", ParamType.BOOL).defaultValue(true).build());
    vf.add(ParamSpec.of("allow-set-mac", ParamType.BOOL).defaultValue(false).build());
    vf.add(ParamSpec.of("allow-promisc", ParamType.BOOL).defaultValue(false).build());
    if (withNumQueues)
      vf.add(ParamSpec.of("num-queues", ParamType.UINT16).defaultValue(4L).build());
    if (withVlan) vf.add(ParamSpec.of("vlan", ParamType.VLAN).defaultValue(4096L).build());
    List<ParamSpec> vfParams = List.copyOf(vf);
    return new DriverPlugin() {
      @Override
      public String name() {
        return "ixl";
      }

      @Override
      public String description() {
        return "test ixl";
      }

      @Override
      public List<String> devicePatterns() {
        return List.of("ixl[0-9]+");
      }

      @Override
      public List<String> linuxDrivers() {
        return List.of("i40e");
      }

      @Override
      public List<ParamSpec> vfParams() {
        return vfParams;
      }
    };
  }

  /** The packed schema the kernel would publish for {@link #ixl}. */
  public static byte[] ixlSchema(boolean withNumQueues, boolean withVlan) {
    return NvPacker.pack(Schema.fromPlugin(ixl(withNumQueues, withVlan)).nvlist());
  }
}
