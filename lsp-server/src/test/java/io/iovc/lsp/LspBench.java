package io.iovc.lsp;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DiagnosticCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * Latency of the language server on a 256-VF file, after warm-up (not a unit test; run with {@code
 * mvn -q -o -Pbench -pl compiler,lsp-server -DskipTests verify}, which uses {@code -Xmx64m
 * -XX:+UseSerialGC}): didChange → publishDiagnostics with the debounce set to 0, and completion on
 * an empty line of a VF section, both over real JSON-RPC through pipes, plus the same work called
 * directly on the service (no JSON); code lens over PF on the analysed document; and a client that
 * pulls diagnostics ({@code textDocument/diagnostic}) after each change.
 */
public final class LspBench {
  static final int WARMUP = Integer.getInteger("bench.warmup", 3000);
  static final int RUNS = Integer.getInteger("bench.runs", 3000);

  private LspBench() {}

  static String file(int vfs) {
    StringBuilder sb =
        new StringBuilder(
            "PF {\n\tdevice = \"ixl0\";\n\tnum_vfs = "
                + vfs
                + ";\n}\n\nDEFAULT {\n\tnum-queues = 4;\n\tallow-set-mac = true;\n}\n");
    for (int i = 0; i < vfs; i++) {
      sb.append("\nVF-")
          .append(i)
          .append(" {\n\tmac-addr = \"02:00:00:00:")
          .append(String.format("%02x:%02x", (i >> 8) & 255, i & 255))
          .append("\";\n\tpassthrough = ")
          .append(i % 4 == 0)
          .append(";\n\n}\n");
    }
    return sb.toString();
  }

  public static void main(String[] args) {
    try {
      run();
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1); // the servers' reader threads would keep the JVM alive
    }
    System.exit(0);
  }

  static void run() throws Exception {
    String base = file(256);
    String uri = "file:///etc/iov/ixl0.conf";
    int emptyLine =
        (int) base.lines().takeWhile(l -> !l.equals("VF-128 {")).count()
            + 3; // the blank line inside VF-128
    System.out.printf(
        "file: 256 VF sections, %d bytes, %d lines; java %s, max heap %d MB%n",
        base.length(),
        base.lines().count(),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20);

    // ---- direct service calls
    IovcLanguageService svc = Fixture.service(ClientInfo.RICH);
    Document d = Fixture.doc(uri, base);
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long[] analyseCpu = new long[RUNS];
    long[] completeFreshCpu = new long[RUNS];
    long[] completeCpu = new long[RUNS];
    long[] analyse = new long[RUNS];
    long[] complete = new long[RUNS];
    long[] completeFresh = new long[RUNS];
    for (int i = 0; i < WARMUP + RUNS; i++) {
      d.text = variant(base, i);
      d.version = i + 2;
      d.analysis = null;
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      svc.diagnostics(d);
      long t1 = System.nanoTime();
      long c1 = mx.getCurrentThreadCpuTime();
      svc.completion(d, new Position(emptyLine, 1));
      long t2 = System.nanoTime();
      long c2 = mx.getCurrentThreadCpuTime();
      d.analysis = null;
      d.version++;
      long c3 = mx.getCurrentThreadCpuTime();
      long t3 = System.nanoTime();
      svc.completion(d, new Position(emptyLine, 1));
      long t4 = System.nanoTime();
      long c4 = mx.getCurrentThreadCpuTime();
      if (i >= WARMUP) {
        analyse[i - WARMUP] = t1 - t0;
        complete[i - WARMUP] = t2 - t1;
        completeFresh[i - WARMUP] = t4 - t3;
        analyseCpu[i - WARMUP] = c1 - c0;
        completeFreshCpu[i - WARMUP] = c4 - c3;
        completeCpu[i - WARMUP] = c2 - c1;
      }
    }
    report("service: analyse + map diagnostics", analyse);
    report("service: completion (analysed document)", complete);
    report("service: completion right after a change (re-analysis included)", completeFresh);
    report("service: analyse + map diagnostics, thread CPU time", analyseCpu);
    report("service: completion (analysed document), thread CPU time", completeCpu);
    report("service: completion after a change, thread CPU time", completeFreshCpu);

    // ---- over JSON-RPC
    Settings s = Fixture.settings();
    s.debounceMs = 0;
    BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
    LanguageServer server = connect(s, published, new ClientCapabilities());
    server
        .getTextDocumentService()
        .didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "iovctl", 1, base)));
    published.take();
    long[] diag = new long[RUNS];
    long[] comp = new long[RUNS];
    long[] compFresh = new long[RUNS];
    long[] lens = new long[RUNS];
    int version = 1;
    for (int i = 0; i < WARMUP + RUNS; i++) {
      version++;
      long t0 = System.nanoTime();
      server
          .getTextDocumentService()
          .didChange(
              new DidChangeTextDocumentParams(
                  new VersionedTextDocumentIdentifier(uri, version),
                  List.of(new TextDocumentContentChangeEvent(variant(base, i)))));
      PublishDiagnosticsParams p;
      do {
        p = published.poll(10, TimeUnit.SECONDS);
      } while (p != null && p.getVersion() != version);
      long t1 = System.nanoTime();
      server
          .getTextDocumentService()
          .completion(
              new CompletionParams(new TextDocumentIdentifier(uri), new Position(emptyLine, 1)))
          .get();
      long t2 = System.nanoTime();
      var lenses =
          server
              .getTextDocumentService()
              .codeLens(new CodeLensParams(new TextDocumentIdentifier(uri)))
              .get();
      long t3 = System.nanoTime();
      if (lenses.isEmpty()) throw new AssertionError("no code lens over PF");
      if (i >= WARMUP) {
        diag[i - WARMUP] = t1 - t0;
        comp[i - WARMUP] = t2 - t1;
        lens[i - WARMUP] = t3 - t2;
      }
    }
    report("JSON-RPC: didChange -> publishDiagnostics (debounce 0)", diag);
    report("JSON-RPC: completion request -> response", comp);
    report("JSON-RPC: code lens request -> response (analysed document)", lens);
    s.debounceMs = 10_000; // diagnostics pending: the completion must analyse the new text itself
    for (int i = 0; i < WARMUP / 3 + RUNS; i++) {
      version++;
      server
          .getTextDocumentService()
          .didChange(
              new DidChangeTextDocumentParams(
                  new VersionedTextDocumentIdentifier(uri, version),
                  List.of(new TextDocumentContentChangeEvent(variant(base, i)))));
      long t0 = System.nanoTime();
      server
          .getTextDocumentService()
          .completion(
              new CompletionParams(new TextDocumentIdentifier(uri), new Position(emptyLine, 1)))
          .get();
      long t1 = System.nanoTime();
      if (i >= WARMUP / 3) compFresh[i - WARMUP / 3] = t1 - t0;
    }
    report("JSON-RPC: completion right after a change (re-analysis included)", compFresh);
    server.shutdown().get();

    // a client that pulls diagnostics (textDocument/diagnostic): nothing is pushed to it
    Settings ps = Fixture.settings();
    ps.debounceMs = 0;
    ClientCapabilities pullCaps = new ClientCapabilities();
    TextDocumentClientCapabilities td = new TextDocumentClientCapabilities();
    td.setDiagnostic(new DiagnosticCapabilities());
    pullCaps.setTextDocument(td);
    BlockingQueue<PublishDiagnosticsParams> pushed = new LinkedBlockingQueue<>();
    LanguageServer puller = connect(ps, pushed, pullCaps);
    puller
        .getTextDocumentService()
        .didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "iovctl", 1, base)));
    long[] pull = new long[RUNS];
    for (int i = 0; i < WARMUP + RUNS; i++) {
      version++;
      long t0 = System.nanoTime();
      puller
          .getTextDocumentService()
          .didChange(
              new DidChangeTextDocumentParams(
                  new VersionedTextDocumentIdentifier(uri, version),
                  List.of(new TextDocumentContentChangeEvent(variant(base, i)))));
      var report =
          puller
              .getTextDocumentService()
              .diagnostic(new DocumentDiagnosticParams(new TextDocumentIdentifier(uri)))
              .get();
      long t1 = System.nanoTime();
      if (!report.isLeft() || report.getLeft().getItems() == null)
        throw new AssertionError("the pulled report has no diagnostics: " + report);
      if (i >= WARMUP) pull[i - WARMUP] = t1 - t0;
    }
    if (!pushed.isEmpty()) throw new AssertionError("diagnostics pushed to a pulling client");
    report("JSON-RPC: didChange + textDocument/diagnostic (pull) -> report", pull);
    puller.shutdown().get();
  }

  /** A server and a client joined by pipes, initialised with the client's capabilities. */
  static LanguageServer connect(
      Settings s, BlockingQueue<PublishDiagnosticsParams> published, ClientCapabilities caps)
      throws Exception {
    PipedInputStream serverIn = new PipedInputStream(1 << 20);
    PipedOutputStream toServer = new PipedOutputStream(serverIn);
    PipedInputStream clientIn = new PipedInputStream(1 << 20);
    PipedOutputStream serverOut = new PipedOutputStream(clientIn);
    IovcLanguageServer impl =
        new IovcLanguageServer(
            Fixture.PLUGINS,
            s,
            new Explanations(s, null, Fixture.PLUGINS.codes()),
            new LiveSchema(s, x -> null));
    Launcher<LanguageClient> sl =
        LspMain.launcher(impl, new MessageGuard(serverIn, LspMain.DEFAULT_MAX_MESSAGE), serverOut);
    impl.connect(sl.getRemoteProxy());
    sl.startListening();
    LanguageClient client =
        new LanguageClient() {
          @Override
          public void telemetryEvent(Object o) {}

          @Override
          public void publishDiagnostics(PublishDiagnosticsParams p) {
            published.add(p);
          }

          @Override
          public void showMessage(MessageParams m) {}

          @Override
          public CompletableFuture<MessageActionItem> showMessageRequest(
              ShowMessageRequestParams r) {
            return CompletableFuture.completedFuture(null);
          }

          @Override
          public void logMessage(MessageParams m) {}
        };
    Launcher<LanguageServer> cl = LSPLauncher.createClientLauncher(client, clientIn, toServer);
    LanguageServer server = cl.getRemoteProxy();
    cl.startListening();
    InitializeParams ip = new InitializeParams();
    ip.setCapabilities(caps);
    server.initialize(ip).get();
    server.initialized(new InitializedParams());
    return server;
  }

  /** The file with one value changed, as typing would. */
  static String variant(String base, int i) {
    return base.replace("num-queues = 4;", "num-queues = " + (1 + i % 16) + ";");
  }

  static void report(String what, long[] ns) {
    long[] s = ns.clone();
    Arrays.sort(s);
    System.out.printf(
        "%-70s p50 %6.3f ms   p90 %6.3f ms   p99 %6.3f ms   max %7.3f ms   (n=%d)%n",
        what,
        s[s.length / 2] / 1e6,
        s[(int) (s.length * 0.90)] / 1e6,
        s[(int) (s.length * 0.99)] / 1e6,
        s[s.length - 1] / 1e6,
        s.length);
  }
}
