package io.iovc.kernel.linux;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The part of devlink iovc uses: a PF's eswitch mode ({@code DEVLINK_CMD_ESWITCH_GET}/{@code _SET},
 * {@code DEVLINK_ATTR_ESWITCH_MODE}; include/uapi/linux/devlink.h), through iproute2's {@code
 * devlink} program as {@link IpNetlink} goes through {@code ip}. A device's devlink handle is
 * {@link LiveState.Pf#devlinkHandle()}: {@code pci/BDF}, or {@code netdevsim/netdevsimN}. Tests use
 * a fake.
 */
public interface Devlink {
  /**
   * The eswitch mode ({@code legacy} or {@code switchdev}); throws with devlink's answer when the
   * device has no devlink instance or its driver no {@code eswitch_mode_get} ("Operation not
   * supported").
   */
  String eswitchMode(String handle) throws IOException;

  /** {@code devlink dev eswitch set HANDLE mode MODE}; throws with the kernel's answer. */
  void setEswitchMode(String handle, String mode) throws IOException;

  /** No devlink at all (hosts built by tests that do not care). */
  Devlink NONE =
      new Devlink() {
        @Override
        public String eswitchMode(String handle) throws IOException {
          throw new IOException("devlink answers: Operation not supported");
        }

        @Override
        public void setEswitchMode(String handle, String mode) throws IOException {
          throw new IOException("devlink answers: Operation not supported");
        }
      };

  /**
   * iproute2's {@code devlink}: {@code $IOVC_DEVLINK}, else the first of /usr/sbin/devlink,
   * /sbin/devlink, /usr/bin/devlink, /bin/devlink.
   */
  static Devlink system() {
    String env = System.getenv("IOVC_DEVLINK");
    if (env != null && !env.isBlank()) return new Tool(env);
    for (String c : List.of("/usr/sbin/devlink", "/sbin/devlink", "/usr/bin/devlink")) {
      if (Files.isExecutable(Path.of(c))) return new Tool(c);
    }
    return new Tool("devlink");
  }

  /**
   * The {@code devlink} program. Reads {@code devlink -j dev eswitch show HANDLE}, whose JSON is
   * {@code {"dev":{"HANDLE":{"mode":"switchdev", …}}}}: iproute2's {@code devlink/devlink.c} prints
   * it in {@code pr_out_eswitch()}, the handle as the object's name ({@code
   * __pr_out_handle_start()}) and the mode as {@code "mode"} ({@code eswitch_mode_name()}:
   * "legacy", "switchdev", or "&lt;unknown mode&gt;"). Never the human text.
   */
  record Tool(String binary) implements Devlink {
    @Override
    public String eswitchMode(String handle) throws IOException {
      String json =
          IpNetlink.run(List.of(binary, "-j", "dev", "eswitch", "show", handle), new String[2]);
      try {
        return parseMode(json, handle);
      } catch (IllegalArgumentException | IllegalStateException | JsonParseException e) {
        throw new IOException(
            "cannot read `devlink -j dev eswitch show " + handle + "`: " + e.getMessage());
      }
    }

    @Override
    public void setEswitchMode(String handle, String mode) throws IOException {
      IpNetlink.run(List.of(binary, "dev", "eswitch", "set", handle, "mode", mode), new String[2]);
    }
  }

  /** The {@code mode} of {@code handle} in {@code devlink -j dev eswitch show}'s answer. */
  static String parseMode(String json, String handle) {
    JsonElement root = JsonParser.parseString(json);
    if (!root.isJsonObject() || !root.getAsJsonObject().has("dev"))
      throw new IllegalArgumentException("no \"dev\" object");
    JsonObject dev = root.getAsJsonObject().getAsJsonObject("dev");
    JsonElement entry = dev.get(handle);
    if (entry == null && dev.size() == 1) entry = dev.entrySet().iterator().next().getValue();
    if (entry == null || !entry.isJsonObject())
      throw new IllegalArgumentException("no entry for " + handle);
    JsonElement mode = entry.getAsJsonObject().get("mode");
    if (mode == null || !mode.isJsonPrimitive())
      throw new IllegalArgumentException(handle + " has no \"mode\"");
    return mode.getAsString();
  }
}
