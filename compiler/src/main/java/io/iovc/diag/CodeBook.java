package io.iovc.diag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  private final Map<String, Code> plugin;
  private final Map<String, String> pluginText;

  private CodeBook(Map<String, Code> plugin, Map<String, String> pluginText) {
    this.plugin = plugin;
    this.pluginText = pluginText;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The code with this id (upper case, e.g. {@code IOV201}, {@code IXL001}), or null. */
  public Code lookup(String id) {
    Code c = Codes.core(id);
    return c != null ? c : plugin.get(id);
  }

  /** The long explanation of a code, or null when the code is unknown or has none. */
  public String explain(String id) {
    if (Codes.core(id) != null) return Codes.coreText(id);
    return pluginText.get(id);
  }

  /** Every code: the core ones, then the plugins' in the order they were added. */
  public Collection<Code> all() {
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
