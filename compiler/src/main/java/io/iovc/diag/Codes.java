package io.iovc.diag;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every core diagnostic code. The long explanations live in {@code codes.txt} next to this class
 * (read only when {@code iovc explain} or an editor asks). Plugin codes are not here: the plugin
 * registry owns them, and a {@link CodeBook} answers for both.
 *
 * <p>The words of each code (message, labels, notes, help, fixes) are built in one factory: a
 * method, or a nested class with one constructor per situation, whose Javadoc starts with the code
 * ({@code /** IOV213: …}), in a {@code …Diagnostics} class next to the rules that emit it; each
 * rule's Javadoc names the codes it emits. {@code grep -rn IOV213 compiler/src/main} finds the rule
 * and its words; {@code DiagnosticFactoriesTest} keeps it so.
 */
public final class Codes {
  // Filled once, by the constants below, while the class initialises.
  private static final Map<String, Code> ALL = new LinkedHashMap<>();
  private static volatile Map<String, String> coreText;

  private static Code e(String id, String title) {
    return add(new Code(id, Severity.ERROR, title));
  }

  private static Code w(String id, String title) {
    return add(new Code(id, Severity.WARNING, title));
  }

  private static Code add(Code c) {
    ALL.put(c.id(), c);
    return c;
  }

  // IOV0xx — meta
  public static final Code UNUSED_SUPPRESSION = w("IOV001", "unused suppression");
  public static final Code UNKNOWN_SUPPRESSION = w("IOV002", "suppression names an unknown code");
  public static final Code UNREADABLE = e("IOV003", "input cannot be read");
  public static final Code NO_SCHEMA = e("IOV005", "no schema for this file");
  public static final Code BAD_SCHEMA = e("IOV006", "schema is invalid");
  public static final Code TOO_MANY =
      add(new Code("IOV007", Severity.INFO, "more problems than are shown"));

  // IOV1xx — syntax (libucl refuses the file)
  public static final Code SYNTAX = e("IOV100", "syntax error");
  public static final Code UNTERMINATED_STRING = e("IOV101", "unterminated string");
  public static final Code CONTROL_IN_STRING =
      e("IOV102", "newline or control character in a quoted string");
  public static final Code BAD_ESCAPE = e("IOV103", "invalid escape sequence");
  public static final Code UNTERMINATED_COMMENT = e("IOV104", "unterminated block comment");
  public static final Code UNTERMINATED_HEREDOC = e("IOV105", "unterminated heredoc");
  public static final Code BAD_KEY = e("IOV106", "invalid key");
  public static final Code MISSING_VALUE = e("IOV107", "missing value");
  public static final Code MISSING_DELIMITER = e("IOV108", "missing delimiter between values");
  public static final Code UNBALANCED = e("IOV109", "unbalanced braces or brackets");
  public static final Code NUMBER_RANGE = e("IOV110", "number out of range");
  public static final Code BAD_MACRO = e("IOV111", "invalid macro");
  public static final Code UNSUPPORTED_MACRO = e("IOV112", "unsupported macro");
  public static final Code TOO_DEEP = e("IOV113", "nesting too deep");
  public static final Code SLASH_COMMENT = w("IOV150", "`//` is not a comment");
  public static final Code TRAILING_TEXT =
      w("IOV151", "text after the top-level object is ignored");
  public static final Code NUL_BYTE = w("IOV152", "NUL byte in the file");
  public static final Code BOM = w("IOV153", "byte order mark at the start of the file");
  public static final Code TYPOGRAPHIC_QUOTE = w("IOV160", "typographic quote instead of `\"`");
  public static final Code UNICODE_SPACE = w("IOV161", "Unicode space instead of an ASCII blank");
  public static final Code FULLWIDTH_PUNCTUATION =
      w("IOV162", "fullwidth punctuation instead of ASCII");
  public static final Code DASH_LOOKALIKE = w("IOV163", "dash instead of the ASCII `-`");
  public static final Code SHELL_RESIDUE = w("IOV164", "shell command pasted with the file");
  public static final Code OTHER_FORMAT = w("IOV165", "the file is written in another format");
  public static final Code HTML_ENTITY = w("IOV166", "HTML entity in the file");

  // IOV2xx — schema and types
  public static final Code UNKNOWN_KEY = e("IOV201", "unknown parameter");
  public static final Code TYPE_MISMATCH = e("IOV202", "value has the wrong type");
  public static final Code INT_RANGE = e("IOV203", "integer out of range");
  public static final Code QUOTED_NUMBER = e("IOV204", "quoted number");
  public static final Code BAD_MAC = e("IOV205", "invalid MAC address");
  public static final Code MULTICAST_MAC = e("IOV206", "multicast MAC address");
  public static final Code BAD_VLAN = e("IOV207", "invalid VLAN");
  public static final Code REQUIRED_MISSING = e("IOV208", "required parameter missing");
  public static final Code UNKNOWN_TYPE = e("IOV209", "schema type unknown to iovctl");
  public static final Code SECTION_NOT_OBJECT = e("IOV210", "section is not a `{ }` block");
  public static final Code ARRAY_VALUE = e("IOV211", "arrays are not allowed");
  public static final Code CASE_DUPLICATE_PARAM =
      e("IOV213", "parameter given twice with different case");
  public static final Code FLOAT_TRUNCATED =
      w("IOV220", "fractional number truncated to an integer");
  public static final Code SUFFIX_NUMBER = w("IOV221", "unit suffix on an integer parameter");
  public static final Code DEVICE_SLASH = w("IOV223", "PF.device is not a bare device name");
  public static final Code ZERO_MAC = w("IOV224", "all-zero MAC address");
  public static final Code ODD_MAC = w("IOV225", "unusual MAC address spelling");
  public static final Code ODD_NUMBER =
      w("IOV222", "number spelled in a way UCL reads differently");
  public static final Code VLAN_ZERO = w("IOV226", "VLAN 0");
  public static final Code DUPLICATE_PARAM = w("IOV228", "duplicate parameter is ignored");
  public static final Code EMPTY_DEVICE = w("IOV229", "PF.device is empty");
  public static final Code LIVE_SCHEMA_DIFFERS =
      w("IOV233", "plugin schema differs from the live schema");

  // IOV3xx — cross-section semantics and limits
  public static final Code NO_DEVICE = e("IOV301", "no PF device");
  public static final Code DEVICE_NOT_STRING = e("IOV302", "PF.device is not a string");
  public static final Code UNEXPECTED_SECTION = e("IOV303", "unexpected top-level section");
  public static final Code DEFAULT_AFTER_VF = e("IOV304", "DEFAULT after a VF section");
  public static final Code MULTIPLE_DEFINITIONS =
      e("IOV305", "section defined twice with different case");
  public static final Code NUM_VFS_ZERO = e("IOV306", "num_vfs must be at least 1");
  public static final Code VF_OUT_OF_BOUNDS = e("IOV307", "VF index not below num_vfs");
  public static final Code VF_NUMBER_TOO_LARGE = e("IOV308", "VF number above 65535");
  public static final Code DUPLICATE_SECTION = w("IOV309", "duplicate section is ignored");
  public static final Code TOP_LEVEL_ARRAY = e("IOV310", "the file is an array");
  public static final Code TOO_BIG = e("IOV311", "packed configuration exceeds the kernel limit");
  public static final Code DRIVER_MAX_VFS = w("IOV312", "more VFs than the driver supports");
  public static final Code DEFAULT_UNUSED = w("IOV313", "DEFAULT sets nothing any VF uses");
  public static final Code TOO_MANY_VFS_FOR_CARD = e("IOV314", "num_vfs above the card's TotalVFs");

  // IOV4xx — applying on Linux (sysfs and netlink)
  public static final Code LINUX_TRUST_PAIR =
      w("IOV401", "allow-set-mac and allow-promisc share one trust bit on Linux");
  public static final Code LINUX_NOT_SETTABLE = w("IOV402", "not settable from the host on Linux");
  public static final Code LINUX_NO_COUNTERPART = w("IOV403", "no Linux counterpart; not applied");
  public static final Code LINUX_DRIVER_MISMATCH =
      w("IOV404", "the PF's Linux driver is not the plugin's");
  public static final Code LINUX_BAD_VALUE = e("IOV405", "a value Linux does not accept");
  public static final Code LINUX_DRIVER_CANNOT =
      e("IOV406", "the PF's Linux driver does not implement this setting or value");
  public static final Code LINUX_NO_PF = e("IOV410", "PF not found on this host");
  public static final Code LINUX_NO_SRIOV = e("IOV411", "the PF cannot create VFs");
  public static final Code LINUX_UNSUPPORTED =
      e("IOV412", "this setting cannot be applied to this PF");

  private Codes() {}

  /** The core code with this id, or null. */
  static Code core(String id) {
    return ALL.get(id);
  }

  /** Every core code, in declaration order. */
  static Collection<Code> coreCodes() {
    return Collections.unmodifiableCollection(ALL.values());
  }

  /** The long explanation of a core code, or null. */
  static String coreText(String id) {
    return coreText().get(id);
  }

  private static Map<String, String> coreText() {
    Map<String, String> t = coreText;
    if (t == null) {
      t = load();
      coreText = t;
    }
    return t;
  }

  private static Map<String, String> load() {
    Map<String, String> map = new LinkedHashMap<>();
    try (InputStream in = Codes.class.getResourceAsStream("codes.txt")) {
      if (in == null) return map;
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String id = null;
      StringBuilder sb = new StringBuilder();
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("== ")) {
          if (id != null) map.put(id, sb.toString().strip() + "\n");
          id = line.substring(3).strip();
          sb.setLength(0);
        } else if (id != null) {
          sb.append(line).append('\n');
        }
      }
      if (id != null) map.put(id, sb.toString().strip() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return map;
  }
}
