package io.iovc.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin directories: a vendor jar is found; a broken one is named in a problem, never a crash. */
class PluginRegistryTest {
  @TempDir Path dir;

  private Path jar(String name, String services, String classEntry, byte[] classBytes)
      throws IOException {
    Path p = dir.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(p))) {
      if (services != null) {
        out.putNextEntry(new JarEntry("META-INF/services/io.iovc.schema.DriverPlugin"));
        out.write(services.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
      if (classEntry != null) {
        out.putNextEntry(new JarEntry(classEntry));
        out.write(classBytes);
        out.closeEntry();
      }
    }
    return p;
  }

  /** A vendor compiles a plugin against the SPI and drops the jar into a plugin directory. */
  @Test
  void aVendorJarInAPluginDirectoryIsLoaded() throws Exception {
    Path srcDir = Files.createDirectories(dir.resolve("src/com/example"));
    Files.writeString(
        srcDir.resolve("AcmePlugin.java"),
        """
        package com.example;
        import io.iovc.schema.*;
        import java.util.List;
        public final class AcmePlugin implements DriverPlugin {
          public String name() { return "acme"; }
          public String description() { return "Acme 100G"; }
          public List<String> devicePatterns() { return List.of("acme[0-9]+"); }
          public List<String> linuxDrivers() { return List.of("acme_en"); }
          public List<ParamSpec> vfParams() {
            return List.of(ParamSpec.of("mac-addr", ParamType.UNICAST_MAC).doc("MAC").build());
          }
        }
        """);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
    int rc =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            srcDir.resolve("AcmePlugin.java").toString());
    assertEquals(0, rc);
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    jarAt(
        plugins.resolve("acme.jar"),
        "com.example.AcmePlugin\n",
        "com/example/AcmePlugin.class",
        Files.readAllBytes(classes.resolve("com/example/AcmePlugin.class")));
    PluginRegistry r = PluginRegistry.load(List.of(plugins));
    assertEquals(List.of(), r.problems());
    PluginRegistry.Loaded acme = r.forDevice("acme3").orElseThrow();
    assertEquals("acme", acme.plugin().name());
    assertTrue(acme.source().endsWith("acme.jar"), acme.source());
    assertEquals("acme", r.forLinuxDriver("acme_en").orElseThrow().plugin().name());
    assertTrue(
        Schema.fromPlugin(acme.plugin())
            .toIovctlText()
            .contains("\tmac-addr : unicast-mac (optional)\n"));
  }

  private void jarAt(Path p, String services, String classEntry, byte[] classBytes)
      throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(p))) {
      out.putNextEntry(new JarEntry("META-INF/services/io.iovc.schema.DriverPlugin"));
      out.write(services.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      out.putNextEntry(new JarEntry(classEntry));
      out.write(classBytes);
      out.closeEntry();
    }
  }

  @Test
  void aJarThatIsNotAZipIsReportedByName() throws IOException {
    Path bad = dir.resolve("garbage.jar");
    try (OutputStream o = Files.newOutputStream(bad)) {
      o.write("this is not a zip file".getBytes(StandardCharsets.UTF_8));
    }
    PluginRegistry r = PluginRegistry.load(List.of(dir));
    assertEquals(1, r.problems().size(), r.problems().toString());
    assertTrue(r.problems().get(0).contains("garbage.jar"), r.problems().toString());
  }

  @Test
  void aServiceEntryNamingAMissingClassIsReportedByName() throws IOException {
    jar("vendor.jar", "com.example.NoSuchPlugin\n", null, null);
    PluginRegistry r = PluginRegistry.load(List.of(dir));
    assertTrue(r.plugins().stream().noneMatch(l -> l.source().contains("vendor.jar")));
    assertTrue(
        r.problems().stream().anyMatch(p -> p.contains("vendor.jar") && p.contains("NoSuchPlugin")),
        r.problems().toString());
  }

  @Test
  void aClassThatIsNotAPluginIsReportedByName() throws IOException {
    jar(
        "odd.jar",
        "com.example.Odd\n",
        "com/example/Odd.class",
        new byte[] {(byte) 0xca, (byte) 0xfe, 0, 0});
    PluginRegistry r = PluginRegistry.load(List.of(dir));
    assertTrue(r.problems().stream().anyMatch(p -> p.contains("odd.jar")), r.problems().toString());
  }

  @Test
  void aJarWithoutAServiceEntryIsReported() throws IOException {
    jar("empty.jar", null, "README", "hello".getBytes(StandardCharsets.UTF_8));
    PluginRegistry r = PluginRegistry.load(List.of(dir));
    assertTrue(
        r.problems().stream()
            .anyMatch(p -> p.contains("empty.jar") && p.contains("no iovc driver plugin")),
        r.problems().toString());
  }

  @Test
  void aMissingDirectoryIsReported() {
    PluginRegistry r = PluginRegistry.load(List.of(dir.resolve("nope")));
    assertTrue(
        r.problems().stream().anyMatch(p -> p.contains("nope") && p.contains("does not exist")),
        r.problems().toString());
  }
}
