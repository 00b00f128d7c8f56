package io.iovc.schema;

import io.iovc.plugin.DriverPlugin;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The driver plugins of the distribution's jars, written when it is built ({@code lib/plugins.idx},
 * by {@link #main}), so that a command finds the one plugin a file needs without {@link
 * ServiceLoader}, which opens every jar on the class path to read its {@code META-INF/services} and
 * makes every plugin. For each jar the index holds its file name, a fingerprint of its central
 * directory (which carries every entry's CRC) and the providers its service file names, in
 * ServiceLoader's order, with each plugin's name, device patterns and Linux drivers.
 *
 * <p>The index is used only when every jar on the class path is in it with the same fingerprint;
 * otherwise (a jar added, replaced or missing, a directory on the class path, no index) the
 * registry asks ServiceLoader, so the two cannot drift: a run sees the same plugins either way. The
 * index is written from ServiceLoader's own answer, and only when that answer has no problems.
 */
public final class PluginIndex {
  /** The index's file name, in the distribution's {@code lib/}. */
  public static final String FILE_NAME = "plugins.idx";

  private static final String HEADER = "iovc-plugin-index 1";

  private PluginIndex() {}

  /** A provider the index names: its class and what finding it needs without making it. */
  public record Provider(
      String className, String name, List<String> patterns, List<String> linuxDrivers) {}

  /**
   * The providers on {@code classPath} (entries separated by the path separator), in
   * ServiceLoader's order, when {@code index} describes every one of its jars; otherwise null.
   */
  public static List<Provider> read(Path index, String classPath) {
    Map<String, String> fingerprints = new HashMap<>();
    Map<String, List<Provider>> byJar = new HashMap<>();
    List<String> lines = lines(index);
    if (lines == null) return null;
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) return null;
    List<Provider> current = null;
    Provider open = null;
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split("\t", -1);
      switch (f[0]) {
        case "jar" -> {
          if (f.length != 3) return null;
          fingerprints.put(f[1], f[2]);
          current = new ArrayList<>();
          byJar.put(f[1], current);
          open = null;
        }
        case "provider" -> {
          if (f.length != 3 || current == null) return null;
          open = new Provider(f[1], f[2], new ArrayList<>(), new ArrayList<>());
          current.add(open);
        }
        case "pattern" -> {
          if (f.length != 2 || open == null) return null;
          open.patterns().add(f[1]);
        }
        case "linux" -> {
          if (f.length != 2 || open == null) return null;
          open.linuxDrivers().add(f[1]);
        }
        default -> {
          return null;
        }
      }
    }
    List<Provider> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String entry : classPath.split(java.io.File.pathSeparator, -1)) {
      if (entry.isEmpty()) continue;
      Path jar = Path.of(entry);
      Path name = jar.getFileName();
      if (name == null) return null;
      String want = fingerprints.get(name.toString());
      if (want == null || !want.equals(fingerprint(jar))) return null;
      for (Provider p : byJar.get(name.toString())) {
        // ServiceLoader makes a provider named twice once, from where it was first found
        if (seen.add(p.className()))
          out.add(
              new Provider(
                  p.className(),
                  p.name(),
                  List.copyOf(p.patterns()),
                  List.copyOf(p.linuxDrivers())));
      }
    }
    return out;
  }

  /**
   * The index's lines (as {@code Files.readAllLines} splits them), or null when it cannot be read
   * or is not UTF-8. Read through {@link FileInputStream}: the first read through a file channel
   * and a charset decoder costs a one-file check 2 ms of class loading.
   */
  static List<String> lines(Path index) {
    byte[] bytes;
    try (FileInputStream in = new FileInputStream(index.toFile())) {
      bytes = in.readAllBytes();
    } catch (IOException | RuntimeException e) {
      return null;
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (!java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes)) return null;
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
        start = i + 1;
      }
    }
    if (start < text.length()) out.add(text.substring(start));
    return out;
  }

  /**
   * The length of a jar and the CRC32 of its end record and central directory (which holds each
   * entry's name, sizes and CRC), without reading the entries; null when it is not a plain zip file
   * or cannot be read.
   */
  static String fingerprint(Path jar) {
    try (RandomAccessFile f = new RandomAccessFile(jar.toFile(), "r")) {
      long len = f.length();
      if (len < 22) return null;
      byte[] end = new byte[22];
      f.seek(len - 22);
      f.readFully(end);
      // an end record without a comment, as every jar Maven writes has
      if (end[0] != 0x50 || end[1] != 0x4b || end[2] != 5 || end[3] != 6) return null;
      long cenSize = u32(end, 12);
      long cenOffset = u32(end, 16);
      if (cenOffset + cenSize > len - 22 || cenSize > Integer.MAX_VALUE) return null;
      byte[] cen = new byte[(int) cenSize];
      f.seek(cenOffset);
      f.readFully(cen);
      CRC32 crc = new CRC32();
      crc.update(cen);
      crc.update(end);
      return len + ":" + Long.toHexString(crc.getValue());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static long u32(byte[] b, int at) {
    return (b[at] & 0xffL)
        | (b[at + 1] & 0xffL) << 8
        | (b[at + 2] & 0xffL) << 16
        | (b[at + 3] & 0xffL) << 24;
  }

  /**
   * Writes the index of the jars on this JVM's class path: {@code PluginIndex OUTPUT}. Fails (exit
   * status 1) when ServiceLoader reports a problem with a plugin, or when a plugin cannot be
   * written down or is not in a jar.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: PluginIndex OUTPUT");
      System.exit(2);
    }
    String text;
    try {
      text = write(System.getProperty("java.class.path"), PluginIndex.class.getClassLoader());
    } catch (IllegalStateException e) {
      System.err.println("PluginIndex: " + e.getMessage());
      System.exit(1);
      return;
    }
    Path out = Path.of(args[0]);
    if (out.getParent() != null) Files.createDirectories(out.getParent());
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write(text);
    }
  }

  /**
   * The index of the jars on {@code classPath}, whose classes {@code loader} loads: ServiceLoader's
   * providers, each under the jar its class comes from.
   *
   * @throws IllegalStateException when a provider is not in a jar, or a plugin has a problem (then
   *     the registry must go through ServiceLoader to report it)
   */
  public static String write(String classPath, ClassLoader loader) {
    PluginRegistry check = PluginRegistry.viaServiceLoader(loader);
    if (!check.problems().isEmpty())
      throw new IllegalStateException("the plugins have problems: " + check.problems());
    Map<String, Path> jars = new LinkedHashMap<>();
    for (String entry : classPath.split(java.io.File.pathSeparator, -1)) {
      if (entry.isEmpty()) continue;
      Path jar = Path.of(entry).toAbsolutePath().normalize();
      // the build's own (empty) classes directory; a provider found there fails below
      if (Files.isDirectory(jar) || !Files.exists(jar)) continue;
      if (fingerprint(jar) == null) throw new IllegalStateException(entry + " is not a jar");
      String name = jar.getFileName().toString();
      if (jars.containsKey(name) && !jars.get(name).equals(jar))
        throw new IllegalStateException("two jars are called " + name);
      jars.put(name, jar);
    }
    Map<Path, List<DriverPlugin>> byJar = new HashMap<>();
    for (DriverPlugin p : ServiceLoader.load(DriverPlugin.class, loader)) {
      Path from = codeSource(p.getClass());
      if (from == null || !jars.containsValue(from))
        throw new IllegalStateException(p.getClass().getName() + " is not in a class path jar");
      byJar.computeIfAbsent(from, k -> new ArrayList<>()).add(p);
    }
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (Map.Entry<String, Path> e : jars.entrySet()) {
      line(sb, "jar", e.getKey(), fingerprint(e.getValue()));
      for (DriverPlugin p : byJar.getOrDefault(e.getValue(), List.of())) {
        line(sb, "provider", p.getClass().getName(), p.name());
        for (String s : p.devicePatterns()) line(sb, "pattern", s);
        for (String s : p.linuxDrivers()) line(sb, "linux", s);
      }
    }
    return sb.toString();
  }

  private static Path codeSource(Class<?> c) {
    CodeSource cs = c.getProtectionDomain().getCodeSource();
    if (cs == null || cs.getLocation() == null) return null;
    try {
      return Path.of(cs.getLocation().toURI()).toAbsolutePath().normalize();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  private static void line(StringBuilder sb, String... fields) {
    for (int i = 0; i < fields.length; i++) {
      String f = fields[i];
      if (f == null || f.indexOf('\t') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0)
        throw new IllegalStateException("cannot write " + fields[0] + " field " + f);
      if (i > 0) sb.append('\t');
      sb.append(f);
    }
    sb.append('\n');
  }
}
