package io.iovc.diag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The diagnostic codes one run of iovc knows, with their long explanations: the core codes ({@link
 * Codes}) and the codes of the driver plugins it loaded. The plugin registry builds one ({@code
 * PluginRegistry.codes()}); {@code iovc explain}, the language server's explanations, suppression
 * comments ({@code # iovc disable=IXL001}) and SARIF's rule list ask it, so a code is known exactly
 * when a plugin that declares it was loaded.
 */
public final class CodeBook {
  /** Only the core codes: no plugin loaded. */
  public static final CodeBook CORE = new CodeBook(Map.of(), Map.of());

  private Map<String, Code> plugin;
  private Map<String, String> pluginText;
  private Supplier<CodeBook> pending;

  private CodeBook(Map<String, Code> plugin, Map<String, String> pluginText) {
    this.plugin = plugin;
    this.pluginText = pluginText;
  }

  /**
   * A code book whose plugin codes are collected by {@code source} when first needed: when asked
   * for a code that is not one of iovc's own, or for all of them. A one-file check that names no
   * plugin code then makes no plugin but its own.
   */
  public static CodeBook lazy(Supplier<CodeBook> source) {
    CodeBook b = new CodeBook(null, null);
    b.pending = source;
    return b;
  }

  private synchronized void force() {
    if (pending != null) {
      CodeBook b = pending.get();
      b.force();
      plugin = b.plugin;
      pluginText = b.pluginText;
      pending = null;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The code with this id (upper case, e.g. {@code IOV201}, {@code IXL001}), or null. */
  public Code lookup(String id) {
    Code c = Codes.core(id);
    if (c != null) return c;
    force();
    return plugin.get(id);
  }

  /** The long explanation of a code, or null when the code is unknown or has none. */
  public String explain(String id) {
    if (Codes.core(id) != null) return Codes.coreText(id);
    force();
    return pluginText.get(id);
  }

  /** Every code: the core ones, then the plugins' in the order they were added. */
  public Collection<Code> all() {
    force();
    List<Code> all = new ArrayList<>(Codes.coreCodes());
    all.addAll(plugin.values());
    return Collections.unmodifiableList(all);
  }

  /** Collects plugin codes; an id that is already known is refused. */
  public static final class Builder {
    private final Map<String, Code> plugin = new LinkedHashMap<>();
    private final Map<String, String> text = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds a plugin code with its explanation (null when it has none).
     *
     * @throws IllegalArgumentException when a core code or an added one has the same id
     */
    public Builder add(Code code, String explanation) {
      String id = code.id();
      if (Codes.core(id) != null) {
        throw new IllegalArgumentException("code " + id + " is one of iovc's own");
      }
      if (plugin.containsKey(id)) {
        throw new IllegalArgumentException("code " + id + " is declared twice");
      }
      plugin.put(id, code);
      if (explanation != null) text.put(id, explanation);
      return this;
    }

    /** True when {@code id} is a core code or was added. */
    public boolean knows(String id) {
      return Codes.core(id) != null || plugin.containsKey(id);
    }

    public CodeBook build() {
      if (plugin.isEmpty()) return CORE;
      return new CodeBook(
          Collections.unmodifiableMap(new LinkedHashMap<>(plugin)),
          Collections.unmodifiableMap(new LinkedHashMap<>(text)));
    }
  }
}
