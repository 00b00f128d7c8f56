package io.iovc.schema;

import io.iovc.diag.CodeBook;
import io.iovc.plugin.DriverPlugin;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The driver plugins iovc can use: those on the class path, then the jars in each plugin directory
 * ({@code --plugin-path}, {@code IOVC_PLUGIN_PATH}). A jar that cannot be loaded is reported by
 * name in {@link #problems()}; it never stops iovc. The registry owns the plugins' diagnostic codes
 * and their explanations: {@link #codes()}.
 */
public final class PluginRegistry {
  /**
   * A plugin and where it was found. A plugin the distribution's index names is made when first
   * asked for: finding the one a file needs (by name, device or Linux driver) makes no other.
   */
  public static final class Loaded {
    private final String name;
    private final String source;
    private final String className;
    private final List<String> patternText;
    private final List<String> linuxDrivers;
    private final ClassLoader loader;
    private DriverPlugin plugin;
    private List<DevicePattern> matchers;

    Loaded(DriverPlugin plugin, String source, List<String> patternText) {
      this.plugin = plugin;
      this.name = plugin.name();
      this.source = source;
      this.className = null;
      this.patternText = patternText;
      this.linuxDrivers = null;
      this.loader = null;
    }

    private Loaded(PluginIndex.Provider p, String source, ClassLoader loader) {
      this.loader = loader;
      this.name = p.name();
      this.source = source;
      this.className = p.className();
      this.patternText = p.patterns();
      this.linuxDrivers = p.linuxDrivers();
    }

    /** The plugin (made now, if the index named it and it was not needed before). */
    public synchronized DriverPlugin plugin() {
      if (plugin == null) {
        try {
          Class<?> c = Class.forName(className, true, loader);
          plugin = (DriverPlugin) c.getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
          throw new IllegalStateException(
              "plugin " + className + " cannot be made: " + rootMessage(e), e);
        }
        if (!plugin.name().equals(name))
          throw new IllegalStateException(
              "plugin " + className + " is called " + plugin.name() + ", not " + name);
      }
      return plugin;
    }

    /** The plugin's name (its {@code name()}). */
    public String name() {
      return name;
    }

    public String source() {
      return source;
    }

    /** The plugin's device patterns, compiled. */
    public List<Pattern> patterns() {
      List<Pattern> out = new ArrayList<>();
      for (DevicePattern p : matchers()) out.add(p.regex());
      return List.copyOf(out);
    }

    /** The plugin's Linux kernel drivers (its {@code linuxDrivers()}). */
    public List<String> linuxDrivers() {
      return linuxDrivers != null ? linuxDrivers : plugin().linuxDrivers();
    }

    public boolean servesDevice(String device) {
      for (DevicePattern p : matchers()) {
        if (p.matches(device)) return true;
      }
      return false;
    }

    private synchronized List<DevicePattern> matchers() {
      if (matchers == null) {
        List<DevicePattern> m = new ArrayList<>();
        for (String s : patternText) m.add(DevicePattern.of(s));
        matchers = List.copyOf(m);
      }
      return matchers;
    }
  }

  /**
   * Orders plugins by name (a class, not a lambda: see {@link io.iovc.diag.Diagnostic#BY_SPAN}).
   */
  private static final class ByName implements java.util.Comparator<Loaded> {
    @Override
    public int compare(Loaded a, Loaded b) {
      return a.name().compareTo(b.name());
    }
  }

  private final List<Loaded> plugins = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final CodeBook.Builder codeBuilder = CodeBook.builder();
  private CodeBook codes = CodeBook.CORE;

  private PluginRegistry() {}

  /**
   * The plugins on the class path, then those in each of {@code pluginDirs}. The class path's are
   * taken from the distribution's index ({@link PluginIndex}) when it describes the class path,
   * else from ServiceLoader.
   */
  public static PluginRegistry load(List<Path> pluginDirs) {
    List<PluginIndex.Provider> indexed = null;
    String home = System.getProperty("iovc.home");
    // with plugin directories every plugin is made anyway (their codes must not clash)
    if (home != null && pluginDirs.isEmpty()) {
      indexed =
          PluginIndex.read(
              Path.of(home, "lib", PluginIndex.FILE_NAME), System.getProperty("java.class.path"));
    }
    if (indexed != null) return fromIndex(indexed, PluginRegistry.class.getClassLoader());
    return scan(pluginDirs);
  }

  /**
   * The plugins ServiceLoader finds on the class path, then those in each of {@code pluginDirs}.
   */
  public static PluginRegistry scan(List<Path> pluginDirs) {
    PluginRegistry r = viaServiceLoader(PluginRegistry.class.getClassLoader());
    for (Path dir : pluginDirs) {
      if (!Files.isDirectory(dir)) {
        r.problems.add("plugin directory " + dir + " does not exist");
        continue;
      }
      List<Path> jars = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jar")) {
        for (Path p : ds) jars.add(p);
      } catch (IOException e) {
        r.problems.add("cannot list plugin directory " + dir + ": " + e.getMessage());
      }
      jars.sort(null);
      for (Path jar : jars) r.loadJar(jar);
    }
    r.codes = r.codeBuilder.build();
    return r;
  }

  /** The plugins ServiceLoader finds through {@code loader} (codes not yet built). */
  static PluginRegistry viaServiceLoader(ClassLoader loader) {
    PluginRegistry r = new PluginRegistry();
    r.loadFrom(ServiceLoader.load(DriverPlugin.class, loader), "class path");
    r.plugins.sort(new ByName());
    r.codes = r.codeBuilder.build();
    return r;
  }

  /**
   * The plugins an index names, none of them made yet; the codes are collected when first asked for
   * one that is not iovc's own, in ServiceLoader's order, as {@link #viaServiceLoader} does.
   */
  static PluginRegistry fromIndex(List<PluginIndex.Provider> providers, ClassLoader loader) {
    PluginRegistry r = new PluginRegistry();
    List<Loaded> inOrder = new ArrayList<>();
    for (PluginIndex.Provider p : providers) inOrder.add(new Loaded(p, "class path", loader));
    r.plugins.addAll(inOrder);
    r.plugins.sort(new ByName());
    r.codes = CodeBook.lazy(new IndexedCodes(inOrder));
    return r;
  }

  /** The codes of indexed plugins, made when first needed. */
  private static final class IndexedCodes implements java.util.function.Supplier<CodeBook> {
    private final List<Loaded> inOrder;

    IndexedCodes(List<Loaded> inOrder) {
      this.inOrder = inOrder;
    }

    @Override
    public CodeBook get() {
      CodeBook.Builder b = CodeBook.builder();
      for (Loaded l : inOrder) PluginCodes.add(b, l.plugin());
      return b.build();
    }
  }

  /** Only the plugins on the class path. */
  public static PluginRegistry classPath() {
    return load(List.of());
  }

  @SuppressWarnings("PMD.CloseResource")
  private void loadJar(Path jar) {
    try {
      URLClassLoader cl =
          new URLClassLoader(
              new URL[] {jar.toUri().toURL()}, PluginRegistry.class.getClassLoader());
      int before = plugins.size();
      loadFrom(ServiceLoader.load(DriverPlugin.class, cl), jar.toString());
      if (plugins.size() == before
          && problems.stream().noneMatch(p -> p.startsWith(jar.toString()))) {
        problems.add(
            jar
                + ": no iovc driver plugin in this jar (no META-INF/services/"
                + DriverPlugin.class.getName()
                + ")");
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      problems.add(jar + ": cannot be loaded: " + e);
    }
  }

  private void loadFrom(ServiceLoader<DriverPlugin> loader, String source) {
    Iterator<DriverPlugin> it = loader.iterator();
    while (true) {
      DriverPlugin p;
      try {
        if (!it.hasNext()) break;
        p = it.next();
      } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
        problems.add(source + ": a plugin failed to load: " + rootMessage(e));
        if (e instanceof ServiceConfigurationError) continue;
        break;
      }
      try {
        String name = p.name();
        if (name == null || name.isBlank())
          throw new IllegalStateException("the plugin has no name");
        // each pattern must compile (a PatternSyntaxException reports the plugin); the plain
        // NAME[0-9]+ form always does and is matched without compiling it
        List<String> pats = List.copyOf(p.devicePatterns());
        for (String s : pats) if (DevicePattern.plainNames(s) == null) Pattern.compile(s);
        if (byName(name).isPresent()) {
          problems.add(
              source
                  + ": plugin `"
                  + name
                  + "` is already provided by "
                  + byName(name).get().source()
                  + "; ignored");
          continue;
        }
        // A vendor's plugin must declare a buildable schema; the bundled ones are tested for it
        // and skip this at start-up.
        if (!source.equals("class path")) Schema.fromPlugin(p);
        String clash = codeClash(p);
        if (clash != null) {
          problems.add(source + ": plugin `" + name + "` is broken: " + clash);
          continue;
        }
        PluginCodes.add(codeBuilder, p);
        plugins.add(new Loaded(p, source, pats));
      } catch (RuntimeException | LinkageError e) {
        problems.add(
            source + ": plugin " + p.getClass().getName() + " is broken: " + rootMessage(e));
      }
    }
  }

  /** Why the plugin's codes cannot be added (one is already known), or null. */
  private String codeClash(DriverPlugin p) {
    for (DriverPlugin.CodeDoc d : p.codes()) {
      String id = d.code().id();
      if (!codeBuilder.knows(id)) continue;
      for (Loaded l : plugins) {
        for (DriverPlugin.CodeDoc o : l.plugin().codes()) {
          if (o.code().id().equals(id)) {
            return "its code " + id + " is already declared by plugin `" + l.name() + "`";
          }
        }
      }
      return "its code " + id + " is already declared";
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  public List<Loaded> plugins() {
    return List.copyOf(plugins);
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  /**
   * The diagnostic codes this registry knows: the core codes and those of every plugin it loaded,
   * with their explanations.
   */
  public CodeBook codes() {
    return codes;
  }

  public Optional<Loaded> byName(String name) {
    for (Loaded l : plugins) {
      if (l.name().equalsIgnoreCase(name)) return Optional.of(l);
    }
    return Optional.empty();
  }

  /** The plugin whose device patterns match a /dev/iov node name such as {@code ixl0}. */
  public Optional<Loaded> forDevice(String device) {
    for (Loaded l : plugins) {
      if (l.servesDevice(device)) return Optional.of(l);
    }
    return Optional.empty();
  }

  /** The plugin for a Linux kernel driver name such as {@code i40e}. */
  public Optional<Loaded> forLinuxDriver(String driver) {
    String d = driver.toLowerCase(Locale.ROOT);
    for (Loaded l : plugins) {
      for (String n : l.linuxDrivers()) {
        if (n.equalsIgnoreCase(d)) return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}
