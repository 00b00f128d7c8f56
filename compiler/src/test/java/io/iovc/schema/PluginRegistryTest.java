package io.iovc.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iovc.check.Checker;
import io.iovc.diag.Code;
import io.iovc.diag.CodeBook;
import io.iovc.diag.Diagnostic;
import io.iovc.diag.Severity;
import io.iovc.plugin.DriverPlugin;
import io.iovc.source.SourceText;
import io.iovc.syntax.Ucl;
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
        out.putNextEntry(new JarEntry("META-INF/services/io.iovc.plugin.DriverPlugin"));
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

  /**
   * A vendor's plugin class {@code com.example.NAME}, compiled against the plugin API alone (the
   * compiler is not on the class path), in a jar of its own in {@code plugins}.
   */
  private void vendorJar(Path plugins, String name, String body) throws IOException {
    Path srcDir = Files.createDirectories(dir.resolve("src-" + name + "/com/example"));
    Files.writeString(
        srcDir.resolve(name + ".java"),
        "package com.example;\n"
            + "import io.iovc.plugin.*;\n"
            + "import java.util.List;\n"
            + "public final class "
            + name
            + " implements DriverPlugin {\n"
            + body
            + "}\n");
    Path classes = Files.createDirectories(dir.resolve("classes-" + name));
    String api;
    try {
      api =
          Path.of(DriverPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
    int rc =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            api,
            srcDir.resolve(name + ".java").toString());
    assertEquals(0, rc, "the plugin compiles against " + api);
    Files.createDirectories(plugins);
    jarAt(
        plugins.resolve(name + ".jar"),
        "com.example." + name + "\n",
        "com/example/" + name + ".class",
        Files.readAllBytes(classes.resolve("com/example/" + name + ".class")));
  }

  private static final String ACME =
      """
        public static final PluginCode CLAMPED =
            new PluginCode("ACME001", PluginCode.Severity.WARNING, "queues are clamped to 8");
        public String name() { return "acme"; }
        public String description() { return "Acme 100G"; }
        public List<String> devicePatterns() { return List.of("acme[0-9]+"); }
        public List<String> linuxDrivers() { return List.of("acme_en"); }
        public List<ParamSpec> vfParams() {
          return List.of(
              ParamSpec.of("mac-addr", ParamType.UNICAST_MAC).doc("MAC").build(),
              ParamSpec.of("queues", ParamType.UINT16)
                  .doc("queues")
                  .hint(ValueHint.outside(1, 8, CLAMPED, "acme clamps {value} to 1..8"))
                  .build());
        }
        public List<CodeDoc> codes() {
          return List.of(new CodeDoc(CLAMPED, "The Acme firmware has 8 queues per VF.\\n"));
        }
      """;

  /**
   * A vendor compiles a plugin against the plugin API and drops the jar into a plugin directory.
   */
  @Test
  void aVendorJarInAPluginDirectoryIsLoaded() throws Exception {
    Path plugins = dir.resolve("plugins");
    vendorJar(plugins, "AcmePlugin", ACME);
    PluginRegistry r = PluginRegistry.load(List.of(plugins));
    assertEquals(List.of(), r.problems());
    PluginRegistry.Loaded acme = r.forDevice("acme3").orElseThrow();
    assertEquals("acme", acme.plugin().name());
    assertTrue(acme.source().endsWith("AcmePlugin.jar"), acme.source());
    assertEquals("acme", r.forLinuxDriver("acme_en").orElseThrow().plugin().name());
    assertTrue(
        Schema.fromPlugin(acme.plugin())
            .toIovctlText()
            .contains("\tmac-addr : unicast-mac (optional)\n"));
  }

  /** The registry owns plugin codes: it explains them, and suppression comments may name them. */
  @Test
  void aVendorPluginsCodesComeFromItsRegistry() throws Exception {
    Path plugins = dir.resolve("plugins");
    vendorJar(plugins, "AcmePlugin", ACME);
    PluginRegistry r = PluginRegistry.load(List.of(plugins));
    assertEquals(List.of(), r.problems());
    Code c = r.codes().lookup("ACME001");
    assertEquals(new Code("ACME001", Severity.WARNING, "queues are clamped to 8"), c);
    assertEquals("The Acme firmware has 8 queues per VF.\n", r.codes().explain("ACME001"));
    assertNull(CodeBook.CORE.lookup("ACME001"), "no registry, no plugin code");
    assertNull(PluginRegistry.classPath().codes().lookup("ACME001"));

    Schema acme = Schema.fromPlugin(r.byName("acme").orElseThrow().plugin());
    String conf = "PF { device = \"acme0\"; num_vfs = 1; }\nVF-0 { queues = 9; }\n";
    List<Diagnostic> plain =
        Checker.check(Ucl.parse(SourceText.of("a.conf", conf)), acme, r.codes()).diagnostics();
    assertEquals(List.of("ACME001"), plain.stream().map(d -> d.code().id()).toList());
    String quiet = "# iovc disable-file=ACME001\n" + conf;
    assertEquals(
        List.of(),
        Checker.check(Ucl.parse(SourceText.of("a.conf", quiet)), null, r.codes())
            .diagnostics()
            .stream()
            .filter(d -> d.code().id().equals("IOV002"))
            .toList(),
        "a known code is not reported as unknown");
    assertEquals(
        List.of(),
        Checker.check(Ucl.parse(SourceText.of("a.conf", quiet)), acme, r.codes()).diagnostics());
    assertEquals(
        List.of("IOV002"),
        Checker.check(Ucl.parse(SourceText.of("a.conf", quiet)), null, CodeBook.CORE)
            .diagnostics()
            .stream()
            .map(d -> d.code().id())
            .toList(),
        "without the plugin, ACME001 is an unknown code");
  }

  /** Two plugins cannot declare one code: the second is refused, with a reason. */
  @Test
  void aPluginRedeclaringAnotherPluginsCodeIsRefused() throws Exception {
    Path plugins = dir.resolve("plugins");
    vendorJar(plugins, "AcmePlugin", ACME);
    vendorJar(
        plugins,
        "BogusPlugin",
        """
          public String name() { return "bogus"; }
          public String description() { return "Bogus"; }
          public List<String> devicePatterns() { return List.of("bogus[0-9]+"); }
          public List<String> linuxDrivers() { return List.of(); }
          public List<ParamSpec> vfParams() { return List.of(); }
          public List<CodeDoc> codes() {
            return List.of(new CodeDoc(
                new PluginCode("ACME001", PluginCode.Severity.INFO, "mine"), "Mine."));
          }
        """);
    PluginRegistry r = PluginRegistry.load(List.of(plugins));
    assertEquals(
        List.of(
            plugins.resolve("BogusPlugin.jar")
                + ": plugin `bogus` is broken: its code ACME001 is already declared by plugin `acme`"),
        r.problems());
    assertTrue(r.byName("bogus").isEmpty());
    assertEquals("queues are clamped to 8", r.codes().lookup("ACME001").title());
  }

  private void jarAt(Path p, String services, String classEntry, byte[] classBytes)
      throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(p))) {
      out.putNextEntry(new JarEntry("META-INF/services/io.iovc.plugin.DriverPlugin"));
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

  private static final String ZETA =
      """
        public static final PluginCode SLOW =
            new PluginCode("ZETA001", PluginCode.Severity.INFO, "the link is slow");
        public ZetaPlugin() { System.setProperty("iovc.test.zeta.made", "yes"); }
        public String name() { return "zeta"; }
        public String description() { return "Zeta 10G"; }
        public List<String> devicePatterns() { return List.of("zeta[0-9]+", "zt(a|b)[0-9]+"); }
        public List<String> linuxDrivers() { return List.of("zeta_en", "zeta_vf"); }
        public List<ParamSpec> vfParams() {
          return List.of(ParamSpec.of("mac-addr", ParamType.UNICAST_MAC).doc("MAC").build());
        }
        public List<CodeDoc> codes() {
          return List.of(new CodeDoc(SLOW, "Zeta cards run at 10G.\\n"));
        }
      """;

  private static String classPath(Path... jars) {
    StringBuilder sb = new StringBuilder();
    for (Path j : jars) sb.append(sb.length() == 0 ? "" : java.io.File.pathSeparator).append(j);
    return sb.toString();
  }

  /**
   * The distribution's index and ServiceLoader give the same registry (names, order, where from,
   * devices, Linux drivers, codes and their explanations); from the index a plugin is made only
   * when it is needed.
   */
  @Test
  void theIndexAndServiceLoaderAgree() throws Exception {
    Path plugins = dir.resolve("plugins");
    vendorJar(plugins, "ZetaPlugin", ZETA);
    vendorJar(plugins, "AcmePlugin", ACME);
    Path zeta = plugins.resolve("ZetaPlugin.jar");
    Path acmeJar = plugins.resolve("AcmePlugin.jar");
    String cp = classPath(zeta, acmeJar);
    try (java.net.URLClassLoader loader =
        new java.net.URLClassLoader(
            new java.net.URL[] {zeta.toUri().toURL(), acmeJar.toUri().toURL()},
            PluginRegistry.class.getClassLoader())) {
      Path index = dir.resolve(PluginIndex.FILE_NAME);
      Files.writeString(index, PluginIndex.write(cp, loader));
      System.clearProperty("iovc.test.zeta.made");
      PluginRegistry indexed = PluginRegistry.fromIndex(PluginIndex.read(index, cp), loader);

      assertEquals("acme", indexed.forDevice("acme3").orElseThrow().plugin().name());
      assertEquals("IOV201", indexed.codes().lookup("IOV201").id());
      assertNull(System.getProperty("iovc.test.zeta.made"), "zeta is not made for an acme file");
      assertEquals("zeta", indexed.forLinuxDriver("zeta_vf").orElseThrow().name());
      assertEquals("zeta", indexed.forDevice("ztb7").orElseThrow().name());
      assertNull(System.getProperty("iovc.test.zeta.made"), "finding it does not make it");
      assertEquals("the link is slow", indexed.codes().lookup("ZETA001").title());
      assertEquals("yes", System.getProperty("iovc.test.zeta.made"));
      assertNull(indexed.codes().lookup("IOV999"));

      PluginRegistry scanned = PluginRegistry.viaServiceLoader(loader);
      assertEquals(List.of(), scanned.problems());
      assertEquals(List.of(), indexed.problems());
      assertEquals(describe(scanned), describe(indexed));
      assertEquals(List.copyOf(scanned.codes().all()), List.copyOf(indexed.codes().all()));
      for (Code c : scanned.codes().all())
        assertEquals(scanned.codes().explain(c.id()), indexed.codes().explain(c.id()));
    }
  }

  private static List<String> describe(PluginRegistry r) {
    return r.plugins().stream()
        .map(
            l ->
                l.name()
                    + " "
                    + l.plugin().getClass().getName()
                    + " "
                    + l.source()
                    + " "
                    + l.patterns().stream().map(Object::toString).toList()
                    + " "
                    + l.linuxDrivers()
                    + " "
                    + l.plugin().devicePatterns()
                    + " "
                    + l.plugin().linuxDrivers())
        .toList();
  }

  /**
   * The index is used only for the class path it was written for: a jar it does not know, a jar
   * that changed, or a directory on the class path sends the registry back to ServiceLoader.
   */
  @Test
  void anIndexForOtherJarsIsNotUsed() throws Exception {
    Path plugins = dir.resolve("plugins");
    vendorJar(plugins, "AcmePlugin", ACME);
    Path acmeJar = plugins.resolve("AcmePlugin.jar");
    Path index = dir.resolve(PluginIndex.FILE_NAME);
    try (java.net.URLClassLoader loader =
        new java.net.URLClassLoader(
            new java.net.URL[] {acmeJar.toUri().toURL()}, PluginRegistry.class.getClassLoader())) {
      Files.writeString(index, PluginIndex.write(classPath(acmeJar), loader));
    }
    assertEquals(1, PluginIndex.read(index, classPath(acmeJar)).size());
    Path other = jar("other.jar", null, "x.txt", new byte[] {1});
    assertNull(PluginIndex.read(index, classPath(acmeJar, other)), "a jar it does not know");
    assertNull(PluginIndex.read(index, classPath(acmeJar, dir)), "a directory");
    assertNull(PluginIndex.read(dir.resolve("none.idx"), classPath(acmeJar)), "no index");
    byte[] before = Files.readAllBytes(acmeJar);
    vendorJar(plugins, "AcmePlugin", ACME.replace("\"acme_en\"", "\"acme_en\", \"acme_vf\""));
    assertTrue(!java.util.Arrays.equals(before, Files.readAllBytes(acmeJar)));
    assertNull(PluginIndex.read(index, classPath(acmeJar)), "a changed jar");
  }

  /** No index is written for plugins with problems: the registry must report them. */
  @Test
  void noIndexForPluginsWithProblems() throws Exception {
    Path plugins = dir.resolve("plugins");
    vendorJar(plugins, "AcmePlugin", ACME);
    vendorJar(plugins, "OtherPlugin", ACME.replace("AcmePlugin", "OtherPlugin"));
    Path a = plugins.resolve("AcmePlugin.jar");
    Path b = plugins.resolve("OtherPlugin.jar");
    try (java.net.URLClassLoader loader =
        new java.net.URLClassLoader(
            new java.net.URL[] {a.toUri().toURL(), b.toUri().toURL()},
            PluginRegistry.class.getClassLoader())) {
      IllegalStateException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalStateException.class, () -> PluginIndex.write(classPath(a, b), loader));
      assertTrue(e.getMessage().contains("already provided"), e.getMessage());
    }
  }
}
