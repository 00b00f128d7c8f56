package io.iovc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageGuardTest {
  private static byte[] frame(String json) {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    byte[] h = ("Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[h.length + b.length];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(b, 0, out, h.length, b.length);
    return out;
  }

  private static String readAll(MessageGuard g) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[7];
    int n;
    while ((n = g.read(buf, 0, buf.length)) > 0) out.write(buf, 0, n);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void smallMessagesPassUntouched() throws IOException {
    String a = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}";
    String b = "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}";
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(frame(a));
    all.write(frame(b));
    String got = readAll(new MessageGuard(new ByteArrayInputStream(all.toByteArray()), 1000));
    assertEquals(all.toString(StandardCharsets.UTF_8), got);
  }

  @Test
  void aLargeDidOpenBecomesTooLarge() throws IOException {
    String big = "x".repeat(5000) + "\\\"uri\\\": \\\"fake\\\"";
    // keys in an unusual order (Neovim encodes Lua tables in any order)
    String json =
        "{\"params\":{\"textDocument\":{\"text\":\""
            + big
            + "\",\"version\":7,\"uri\":\"file:///etc/iov/ixl0.conf\",\"languageId\":\"iovctl\"}},\"method\":\"textDocument/didOpen\",\"jsonrpc\":\"2.0\"}";
    String got = readAll(new MessageGuard(new ByteArrayInputStream(frame(json)), 1000));
    String body = got.substring(got.indexOf("\r\n\r\n") + 4);
    assertEquals(
        "{\"jsonrpc\":\"2.0\",\"method\":\"$/iovc/tooLarge\",\"params\":{\"size\":"
            + json.length()
            + ",\"method\":\"textDocument/didOpen\",\"uri\":\"file:///etc/iov/ixl0.conf\",\"version\":7}}",
        body);
    assertTrue(got.startsWith("Content-Length: " + body.length() + "\r\n\r\n"));
  }

  @Test
  void aLargeRequestGetsAnId() throws IOException {
    String json =
        "{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"textDocument/hover\",\"params\":{\"junk\":\""
            + "y".repeat(3000)
            + "\"}}";
    String got = readAll(new MessageGuard(new ByteArrayInputStream(frame(json)), 1000));
    assertTrue(got.contains("\"id\":42,\"method\":\"$/iovc/tooLargeRequest\""), got);
  }

  @Test
  void garbageIsHandedOnAsItIs() throws IOException {
    String junk = "this is not a header\r\n\r\n";
    assertEquals(
        junk,
        readAll(
            new MessageGuard(
                new ByteArrayInputStream(junk.getBytes(StandardCharsets.US_ASCII)), 1000)));
  }
}
