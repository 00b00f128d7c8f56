package io.iovc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The server as a separate process, the way editors run it: with {@code -Xmx64m}, fed documents far
 * larger than it keeps; and the CLI's promise that {@code iovc check} never loads lsp4j or gson
 * while {@code iovc lsp} finds them (or says clearly that they are missing).
 */
class ProcessTest {
  private static final String CP = System.getProperty("java.class.path");
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  /** A minimal JSON-RPC client over a process's pipes. */
  static final class Rpc implements AutoCloseable {
    final Process p;
    final OutputStream out;
    final InputStream in;
    int id;

    Rpc(List<String> cmd) throws IOException {
      p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      out = p.getOutputStream();
      in = p.getInputStream();
    }

    void send(JsonObject m) throws IOException {
      m.addProperty("jsonrpc", "2.0");
      byte[] b = m.toString().getBytes(StandardCharsets.UTF_8);
      out.write(("Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(b);
      out.flush();
    }

    JsonObject read() throws IOException {
      int len = -1;
      StringBuilder line = new StringBuilder();
      while (true) {
        int c = in.read();
        if (c < 0) throw new IOException("server closed the stream");
        if (c == '\n') {
          String l = line.toString().strip();
          line.setLength(0);
          if (l.isEmpty()) break;
          if (l.toLowerCase().startsWith("content-length:"))
            len = Integer.parseInt(l.substring(15).strip());
        } else {
          line.append((char) c);
        }
      }
      return JsonParser.parseString(new String(in.readNBytes(len), StandardCharsets.UTF_8))
          .getAsJsonObject();
    }

    JsonObject request(String method, JsonElement params) throws IOException {
      JsonObject m = new JsonObject();
      m.addProperty("id", ++id);
      m.addProperty("method", method);
      m.add("params", params);
      send(m);
      while (true) {
        JsonObject r = read();
        if (r.has("id") && r.get("id").getAsInt() == id && !r.has("method")) return r;
      }
    }

    void notify(String method, JsonElement params) throws IOException {
      JsonObject m = new JsonObject();
      m.addProperty("method", method);
      m.add("params", params);
      send(m);
    }

    JsonObject diagnosticsFor(String uri) throws IOException {
      while (true) {
        JsonObject r = read();
        if (r.has("method")
            && r.get("method").getAsString().equals("textDocument/publishDiagnostics")
            && r.getAsJsonObject("params").get("uri").getAsString().equals(uri))
          return r.getAsJsonObject("params");
      }
    }

    void open(String uri, String text) throws IOException {
      JsonObject td = new JsonObject();
      td.addProperty("uri", uri);
      td.addProperty("languageId", "iovctl");
      td.addProperty("version", 1);
      td.addProperty("text", text);
      JsonObject p = new JsonObject();
      p.add("textDocument", td);
      notify("textDocument/didOpen", p);
    }

    @Override
    public void close() {
      p.destroyForcibly();
    }
  }

  private static List<String> codes(JsonObject diagParams) {
    List<String> out = new ArrayList<>();
    for (JsonElement e : diagParams.getAsJsonArray("diagnostics"))
      out.add(e.getAsJsonObject().get("code").getAsString());
    return out;
  }

  private static String bigFile(int vfs) {
    StringBuilder sb =
        new StringBuilder(
            "PF {\n\tdevice = \"ixl0\";\n\tnum_vfs = " + Math.min(vfs, 65535) + ";\n}\n");
    for (int i = 0; i < vfs; i++)
      sb.append("VF-")
          .append(i)
          .append(" {\n\tmac-addr = \"02:00:00:00:")
          .append(String.format("%02x:%02x", (i >> 8) & 255, i & 255))
          .append("\";\n\tnum-queues = 2;\n}\n");
    return sb.toString();
  }

  @Test
  void smallHeapLargeDocuments() throws Exception {
    try (Rpc rpc =
        new Rpc(List.of(JAVA, "-Xmx64m", "-XX:+UseSerialGC", "-cp", CP, LspMain.class.getName()))) {
      JsonObject init = new JsonObject();
      init.add("capabilities", new JsonObject());
      JsonObject r = rpc.request("initialize", init);
      assertTrue(r.has("result"), r.toString());
      rpc.notify("initialized", new JsonObject());

      rpc.open("file:///etc/iov/ixl0.conf", Fixture.IXL);
      assertEquals(List.of(), codes(rpc.diagnosticsFor("file:///etc/iov/ixl0.conf")));
      // 40 MB: dropped by the message guard unread
      rpc.open("file:///etc/iov/huge.conf", "# " + "x".repeat(40 << 20) + "\n");
      JsonObject huge = rpc.diagnosticsFor("file:///etc/iov/huge.conf");
      assertEquals(List.of("IOV003"), codes(huge));
      // 3 MB: read, but larger than the server analyses with this heap
      rpc.open("file:///etc/iov/big.conf", bigFile(40_000));
      assertEquals(List.of("IOV003"), codes(rpc.diagnosticsFor("file:///etc/iov/big.conf")));
      // two documents of 300 KB each (some 4,000 VFs): analysed, one at a time in memory
      for (String name : List.of("a", "b", "c")) {
        String uri = "file:///etc/iov/" + name + ".conf";
        rpc.open(uri, bigFile(4000));
        List<String> c = codes(rpc.diagnosticsFor(uri));
        assertFalse(c.contains("IOV003"), c.toString());
      }
      // still answering
      JsonObject pos = new JsonObject();
      pos.addProperty("line", 6);
      pos.addProperty("character", 3);
      JsonObject td = new JsonObject();
      td.addProperty("uri", "file:///etc/iov/ixl0.conf");
      JsonObject hp = new JsonObject();
      hp.add("textDocument", td);
      hp.add("position", pos);
      JsonObject hover = rpc.request("textDocument/hover", hp);
      assertTrue(
          hover.getAsJsonObject("result").toString().contains("num-queues"), hover.toString());
      rpc.request("shutdown", null);
      rpc.notify("exit", null);
      assertTrue(rpc.p.waitFor(20, TimeUnit.SECONDS));
      assertEquals(0, rpc.p.exitValue());
    }
  }

  @Test
  void checkNeverLoadsLsp4jOrGson() throws Exception {
    Process p =
        new ProcessBuilder(
                JAVA,
                "-verbose:class",
                "-cp",
                CP,
                "io.iovc.cli.Main",
                "check",
                "../examples/ixl0.conf")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out.lines().filter(l -> !l.startsWith("[")).toList().toString());
    assertFalse(out.contains("org.eclipse.lsp4j"), "iovc check loaded lsp4j");
    assertFalse(out.contains("com.google.gson"), "iovc check loaded gson");
    assertTrue(out.contains("io.iovc.check.Checker"));
  }

  @Test
  void lspCommandRunsTheServer() throws Exception {
    Process p =
        new ProcessBuilder(JAVA, "-cp", CP, "io.iovc.cli.Main", "lsp")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}"
            .getBytes(StandardCharsets.UTF_8);
    p.getOutputStream()
        .write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    p.getOutputStream().write(body);
    p.getOutputStream().flush();
    byte[] head = p.getInputStream().readNBytes(16);
    assertEquals("Content-Length: ", new String(head, StandardCharsets.US_ASCII));
    p.getOutputStream().close(); // the editor went away
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    assertEquals(1, p.exitValue(), "no shutdown before the input closed");
  }

  @Test
  void lspCommandWithoutTheServerJarSaysSo() throws Exception {
    List<String> cp = new ArrayList<>();
    for (String e : CP.split(File.pathSeparator)) {
      if (e.contains("lsp4j") || e.contains("gson") || e.contains("lsp-server")) continue;
      cp.add(e);
    }
    Process p =
        new ProcessBuilder(
                JAVA, "-cp", String.join(File.pathSeparator, cp), "io.iovc.cli.Main", "lsp")
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(69, p.exitValue(), out);
    assertTrue(out.contains("the language server is not installed"), out);
  }
}
