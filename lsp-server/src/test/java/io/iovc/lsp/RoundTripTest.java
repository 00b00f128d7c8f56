package io.iovc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentOnTypeFormattingParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.GeneralClientCapabilities;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SelectionRangeParams;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server and an lsp4j client in one JVM, connected by pipes: real JSON-RPC both ways. */
class RoundTripTest {
  private static final String URI = Fixture.URI;

  /** Records what the server sends. */
  static final class Client implements LanguageClient {
    final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();
    final BlockingQueue<MessageParams> shown = new LinkedBlockingQueue<>();
    final BlockingQueue<String> refreshed = new LinkedBlockingQueue<>();

    @Override
    public CompletableFuture<Void> refreshDiagnostics() {
      refreshed.add("workspace/diagnostic/refresh");
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams p) {
      diagnostics.add(p);
    }

    @Override
    public void showMessage(MessageParams m) {
      shown.add(m);
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams r) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams m) {}

    PublishDiagnosticsParams next(String uri) throws InterruptedException {
      while (true) {
        PublishDiagnosticsParams p = diagnostics.poll(20, TimeUnit.SECONDS);
        if (p == null) throw new AssertionError("no diagnostics for " + uri);
        if (p.getUri().equals(uri)) return p;
      }
    }
  }

  private Client client;
  private LanguageServer server;
  private IovcLanguageServer impl;
  private OutputStream toServer;
  private Launcher<LanguageServer> clientLauncher;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();

  @BeforeEach
  void connect() throws IOException {
    PipedInputStream serverIn = new PipedInputStream(1 << 16);
    toServer = new PipedOutputStream(serverIn);
    PipedInputStream clientIn = new PipedInputStream(1 << 16);
    PipedOutputStream serverOut = new PipedOutputStream(clientIn);
    Settings s = Fixture.settings();
    s.debounceMs = 0;
    impl =
        new IovcLanguageServer(
            Fixture.PLUGINS,
            s,
            new Explanations(s, null, Fixture.PLUGINS.codes()),
            new LiveSchema(s, d -> null));
    impl.onExit(exit::complete);
    Launcher<LanguageClient> sl =
        LspMain.launcher(impl, new MessageGuard(serverIn, 256 << 10), serverOut);
    impl.connect(sl.getRemoteProxy());
    sl.startListening();
    client = new Client();
    clientLauncher = LSPLauncher.createClientLauncher(client, clientIn, toServer);
    server = clientLauncher.getRemoteProxy();
    clientLauncher.startListening();
  }

  @AfterEach
  void close() throws IOException {
    toServer.close();
  }

  private InitializeResult init(List<String> encodings) throws Exception {
    InitializeParams p = new InitializeParams();
    ClientCapabilities caps = new ClientCapabilities();
    GeneralClientCapabilities general = new GeneralClientCapabilities();
    general.setPositionEncodings(encodings);
    caps.setGeneral(general);
    p.setCapabilities(caps);
    InitializeResult r = server.initialize(p).get(20, TimeUnit.SECONDS);
    server.initialized(new InitializedParams());
    return r;
  }

  private void open(String uri, String text) {
    server
        .getTextDocumentService()
        .didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "iovctl", 1, text)));
  }

  private void change(String uri, int version, String text) {
    server
        .getTextDocumentService()
        .didChange(
            new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version),
                List.of(new TextDocumentContentChangeEvent(text))));
  }

  private static List<String> codes(PublishDiagnosticsParams p) {
    return p.getDiagnostics().stream().map(d -> d.getCode().getLeft()).toList();
  }

  /** The codes a {@code textDocument/diagnostic} pull reports for {@code uri}. */
  private List<String> pulledCodes(String uri) throws Exception {
    return server
        .getTextDocumentService()
        .diagnostic(new org.eclipse.lsp4j.DocumentDiagnosticParams(new TextDocumentIdentifier(uri)))
        .get(20, TimeUnit.SECONDS)
        .getLeft()
        .getItems()
        .stream()
        .map(x -> x.getCode().getLeft())
        .toList();
  }

  @Test
  void everyFeatureOverJsonRpc() throws Exception {
    InitializeResult r = init(null);
    assertEquals("utf-16", r.getCapabilities().getPositionEncoding());
    assertEquals("iovc", r.getServerInfo().getName());
    // in fmt's layout (`key : value;`), so that formatting has nothing to do
    open(URI, Fixture.IXL.replace("mac-addr", "mac-adr").replace(" = ", " : "));
    PublishDiagnosticsParams d = client.next(URI);
    assertEquals(List.of("IOV201"), codes(d));
    assertEquals(1, d.getVersion());
    assertEquals(10, d.getDiagnostics().get(0).getRange().getStart().getLine());

    var ts = server.getTextDocumentService();
    var comp =
        ts.completion(new CompletionParams(new TextDocumentIdentifier(URI), new Position(15, 20)))
            .get(20, TimeUnit.SECONDS);
    assertTrue(comp.isRight());
    var hover =
        ts.hover(new HoverParams(new TextDocumentIdentifier(URI), new Position(6, 3)))
            .get(20, TimeUnit.SECONDS);
    assertTrue(hover.getContents().getRight().getValue().contains("num-queues"));
    var actions =
        ts.codeAction(
                new CodeActionParams(
                    new TextDocumentIdentifier(URI),
                    new Range(new Position(10, 2), new Position(10, 2)),
                    new CodeActionContext(d.getDiagnostics())))
            .get(20, TimeUnit.SECONDS);
    assertEquals("change to `mac-addr`", actions.get(0).getRight().getTitle());
    assertEquals(d.getDiagnostics().get(0), actions.get(0).getRight().getDiagnostics().get(0));
    var edits =
        ts.formatting(
                new DocumentFormattingParams(
                    new TextDocumentIdentifier(URI), new FormattingOptions(8, false)))
            .get(20, TimeUnit.SECONDS);
    assertEquals(List.of(), edits);
    assertEquals(
        9,
        ts.documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(URI)))
            .get(20, TimeUnit.SECONDS)
            .size(),
        "flat: 4 sections, 5 parameters");
    assertEquals(
        4,
        ts.foldingRange(new FoldingRangeRequestParams(new TextDocumentIdentifier(URI)))
            .get(20, TimeUnit.SECONDS)
            .size());
    assertEquals(
        1,
        ts.inlayHint(
                new InlayHintParams(
                    new TextDocumentIdentifier(URI),
                    new Range(new Position(0, 0), new Position(99, 0))))
            .get(20, TimeUnit.SECONDS)
            .size());
    var sel =
        ts.selectionRange(
                new SelectionRangeParams(
                    new TextDocumentIdentifier(URI), List.of(new Position(6, 14))))
            .get(20, TimeUnit.SECONDS);
    assertTrue(r.getCapabilities().getSelectionRangeProvider().getLeft());
    assertEquals(new Range(new Position(6, 14), new Position(6, 15)), sel.get(0).getRange());
    assertEquals(
        new Range(new Position(5, 0), new Position(7, 1)),
        sel.get(0).getParent().getParent().getRange(),
        "the value 8, `num-queues = 8`, then DEFAULT { … }");
    assertTrue(
        ts.semanticTokensFull(new SemanticTokensParams(new TextDocumentIdentifier(URI)))
                .get(20, TimeUnit.SECONDS)
                .getData()
                .size()
            > 20);

    Object text =
        server
            .getWorkspaceService()
            .executeCommand(new ExecuteCommandParams("iovc.explain", List.of("IOV201")))
            .get(20, TimeUnit.SECONDS);
    assertTrue(
        String.valueOf(text).contains("IOV201 (error): unknown parameter"), String.valueOf(text));
    assertTrue(client.shown.poll(20, TimeUnit.SECONDS).getMessage().startsWith("IOV201"));

    // on-type formatting: `}` closing a messy VF-0 in another document
    assertEquals(
        "}", r.getCapabilities().getDocumentOnTypeFormattingProvider().getFirstTriggerCharacter());
    String messyUri = "file:///etc/iov/messy.conf";
    String formatted = Fixture.IXL.replace(" = ", " : ");
    String messy = formatted.replace("\tmac-addr : ", "   mac-addr   =   ");
    open(messyUri, messy);
    var typed =
        ts.onTypeFormatting(
                new DocumentOnTypeFormattingParams(
                    new TextDocumentIdentifier(messyUri),
                    new FormattingOptions(8, false),
                    new Position(11, 1),
                    "}"))
            .get(20, TimeUnit.SECONDS);
    assertEquals(formatted, Fixture.apply(messy, typed));

    // a fix applied by the client, then the diagnostics are gone
    change(URI, 2, Fixture.IXL);
    PublishDiagnosticsParams d2 = client.next(URI);
    assertEquals(List.of(), codes(d2));
    assertEquals(2, d2.getVersion());

    server.shutdown().get(20, TimeUnit.SECONDS);
    server.exit();
    assertEquals(0, exit.get(20, TimeUnit.SECONDS));
  }

  @Test
  void negotiatesUtf8() throws Exception {
    assertEquals(
        "utf-8",
        init(List.of("utf-32", "utf-8", "utf-16")).getCapabilities().getPositionEncoding());
    open(URI, "PF { device = \"ixl0\"; num_vfs = 1; }\nVF-0 { mac-addr = \"✓\"; bogus = 1; }\n");
    var diags = client.next(URI).getDiagnostics();
    assertEquals(
        List.of("IOV205", "IOV201"), diags.stream().map(x -> x.getCode().getLeft()).toList());
    assertEquals(new Position(1, 25), diags.get(1).getRange().getStart(), "UTF-8 byte columns");
  }

  @Test
  void survivesBadInput() throws Exception {
    init(null);
    var ts = server.getTextDocumentService();
    // garbage on the wire, then malformed JSON, then a message without a method
    frame("{{{{{{{");
    frame("[]");
    frame("{\"jsonrpc\":\"2.0\",\"params\":{}}");
    frame(
        "{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"textDocument/hover\",\"params\":\"nonsense\"}");
    raw("this is not a header at all\r\n\r\n");
    // requests about a document nobody opened
    assertNull(
        ts.hover(
                new HoverParams(
                    new TextDocumentIdentifier("file:///nowhere.conf"), new Position(0, 0)))
            .get(20, TimeUnit.SECONDS));
    assertTrue(
        ts.completion(
                new CompletionParams(
                    new TextDocumentIdentifier("file:///nowhere.conf"), new Position(0, 0)))
            .get(20, TimeUnit.SECONDS)
            .getRight()
            .getItems()
            .isEmpty());
    // a request with missing parameters gets an error, not silence
    ExecutionException e = null;
    try {
      clientLauncher
          .getRemoteEndpoint()
          .request("textDocument/hover", new JsonObject())
          .get(20, TimeUnit.SECONDS);
    } catch (ExecutionException x) {
      e = x;
    }
    assertNotNull(e, "invalid params must be answered with an error");
    assertTrue(e.getCause() instanceof ResponseErrorException, String.valueOf(e.getCause()));
    // positions far outside the text
    open(URI, Fixture.IXL);
    client.next(URI);
    assertNull(
        ts.hover(new HoverParams(new TextDocumentIdentifier(URI), new Position(9999, 9999)))
            .get(20, TimeUnit.SECONDS));
    assertNotNull(
        ts.completion(new CompletionParams(new TextDocumentIdentifier(URI), new Position(-5, -5)))
            .get(20, TimeUnit.SECONDS));
    // binary content
    String binary =
        "PF {\0 device = \"ixl0\u0001\"; num_vfs = 1; }\n\u00ff\ufffe\ud800 tail\u0000\u0000";
    open("file:///bin.conf", binary);
    assertFalse(client.next("file:///bin.conf").getDiagnostics().isEmpty());
    // deep nesting
    open("file:///deep.conf", "a ".repeat(1) + "{ ".repeat(200_000));
    assertFalse(client.next("file:///deep.conf").getDiagnostics().isEmpty());
    // the server still answers
    assertNotNull(
        ts.hover(new HoverParams(new TextDocumentIdentifier(URI), new Position(6, 3)))
            .get(20, TimeUnit.SECONDS));
    // an unknown request gets "method not found"
    ExecutionException unknown = null;
    try {
      clientLauncher
          .getRemoteEndpoint()
          .request("iovc/noSuchThing", new JsonObject())
          .get(20, TimeUnit.SECONDS);
    } catch (ExecutionException x) {
      unknown = x;
    }
    assertNotNull(unknown);
    assertTrue(unknown.getCause() instanceof ResponseErrorException);
    assertNotNull(
        ts.hover(new HoverParams(new TextDocumentIdentifier(URI), new Position(6, 3)))
            .get(20, TimeUnit.SECONDS));
  }

  private void frame(String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    raw("Content-Length: " + b.length + "\r\n\r\n" + json);
  }

  private void raw(String s) throws IOException {
    synchronized (toServer) {
      toServer.write(s.getBytes(StandardCharsets.UTF_8));
      toServer.flush();
    }
  }

  @Test
  void staleAndUnknownChanges() throws Exception {
    init(null);
    open(URI, Fixture.IXL);
    assertEquals(List.of(), codes(client.next(URI)));
    change(URI, 5, Fixture.IXL.replace("passthrough", "passthru"));
    assertEquals(List.of("IOV201"), codes(client.next(URI)));
    change(URI, 4, Fixture.IXL); // older than what the server has: ignored
    change(URI, 6, Fixture.IXL.replace("num-queues", "num-queuez"));
    PublishDiagnosticsParams p = client.next(URI);
    assertEquals(6, p.getVersion());
    assertEquals(List.of("IOV201"), codes(p));
    assertTrue(p.getDiagnostics().get(0).getMessage().getLeft().contains("num-queuez"));
    // a change for a document that was never opened, with the whole text: taken as an open
    change("file:///etc/iov/late.conf", 3, "PF { device = \"ixl0\"; }\n");
    assertEquals(List.of("IOV208"), codes(client.next("file:///etc/iov/late.conf")));
    // closing clears the diagnostics
    server
        .getTextDocumentService()
        .didClose(
            new org.eclipse.lsp4j.DidCloseTextDocumentParams(new TextDocumentIdentifier(URI)));
    assertEquals(List.of(), codes(client.next(URI)));
  }

  @Test
  void tooLargeMessagesBecomeADiagnostic() throws Exception {
    init(null);
    String huge = "# " + "x".repeat(400_000) + "\n" + Fixture.IXL;
    open("file:///etc/iov/huge.conf", huge);
    PublishDiagnosticsParams p = client.next("file:///etc/iov/huge.conf");
    assertEquals(List.of("IOV003"), codes(p));
    assertTrue(
        p.getDiagnostics()
            .get(0)
            .getMessage()
            .getLeft()
            .contains("more than the language server reads in one message"),
        p.getDiagnostics().get(0).getMessage().getLeft());
    // and the server goes on
    open(URI, Fixture.IXL);
    assertEquals(List.of(), codes(client.next(URI)));
  }

  @Test
  void debouncesChanges() throws Exception {
    init(null);
    impl.settings().debounceMs = 300;
    open(URI, Fixture.IXL);
    client.next(URI);
    for (int v = 2; v <= 6; v++)
      change(URI, v, Fixture.IXL.replace("num-queues = 8", "num-queues = " + v));
    PublishDiagnosticsParams p = client.next(URI);
    assertEquals(6, p.getVersion(), "only the last version is checked");
    assertNull(client.diagnostics.poll(600, TimeUnit.MILLISECONDS), "and only once");
  }

  @Test
  void settingsChangeTheSchema() throws Exception {
    init(null);
    open("file:///tmp/nodevice.conf", "VF-0 { vlan = 5; }\n");
    List<String> before = codes(client.next("file:///tmp/nodevice.conf"));
    assertTrue(before.contains("IOV301"), before.toString());
    JsonObject iovc = new JsonObject();
    iovc.addProperty("driver", "cxgbe");
    JsonObject settings = new JsonObject();
    settings.add("iovc", iovc);
    server
        .getWorkspaceService()
        .didChangeConfiguration(new org.eclipse.lsp4j.DidChangeConfigurationParams(settings));
    List<String> after = codes(client.next("file:///tmp/nodevice.conf"));
    assertTrue(!after.contains("IOV201"), "vlan is a cxgbe VF parameter: " + after);
  }

  private List<String> lensTitles(String uri) throws Exception {
    return server
        .getTextDocumentService()
        .codeLens(new org.eclipse.lsp4j.CodeLensParams(new TextDocumentIdentifier(uri)))
        .get(20, TimeUnit.SECONDS)
        .stream()
        .map(l -> l.getCommand().getTitle())
        .toList();
  }

  @Test
  void codeLensOverPf() throws Exception {
    InitializeResult r = init(null);
    assertNotNull(r.getCapabilities().getCodeLensProvider());
    open(URI, Fixture.IXL);
    client.next(URI);
    assertEquals(List.of("4 VFs", "schema: ixl, chosen by PF.device ixl0"), lensTitles(URI));
    var lens =
        server
            .getTextDocumentService()
            .codeLens(new org.eclipse.lsp4j.CodeLensParams(new TextDocumentIdentifier(URI)))
            .get(20, TimeUnit.SECONDS)
            .get(0);
    assertEquals(new Range(new Position(0, 0), new Position(0, 2)), lens.getRange(), "over PF");
    assertEquals("", lens.getCommand().getCommand(), "a label, nothing to run");
    // the schema chosen by the setting, and by nothing
    String noDevice = "PF {\n\tnum_vfs = 1;\n}\n";
    open("file:///tmp/a.conf", noDevice);
    client.next("file:///tmp/a.conf");
    assertEquals(
        List.of(
            "1 VF",
            "no driver schema (no PF.device): only the parameters every driver has are known"),
        lensTitles("file:///tmp/a.conf"));
    JsonObject iovc = new JsonObject();
    iovc.addProperty("driver", "cxgbe");
    server
        .getWorkspaceService()
        .didChangeConfiguration(new org.eclipse.lsp4j.DidChangeConfigurationParams(iovc));
    client.next("file:///tmp/a.conf");
    assertEquals(
        List.of("1 VF", "schema: cxgbe, chosen by the iovc.driver setting"),
        lensTitles("file:///tmp/a.conf"));
    // the host's view (its seam): VF limit and drift, when the host has the PF
    impl.service().host =
        a -> new HostView.Host("ixl0", 64, "live: ixl0 differs (2 differences): iovc diff");
    assertEquals(
        List.of(
            "4 of 64 VFs (the most ixl0 has)",
            "schema: ixl, chosen by PF.device ixl0",
            "live: ixl0 differs (2 differences): iovc diff"),
        lensTitles(URI));
    // no PF section, no lens
    open("file:///tmp/b.conf", "VF-0 { passthrough = true; }\n");
    client.next("file:///tmp/b.conf");
    assertEquals(List.of(), lensTitles("file:///tmp/b.conf"));
  }

  @Test
  void pullDiagnosticsWhenTheClientAsksForThem() throws Exception {
    InitializeParams p = new InitializeParams();
    ClientCapabilities caps = new ClientCapabilities();
    org.eclipse.lsp4j.TextDocumentClientCapabilities td =
        new org.eclipse.lsp4j.TextDocumentClientCapabilities();
    td.setDiagnostic(new org.eclipse.lsp4j.DiagnosticCapabilities());
    caps.setTextDocument(td);
    org.eclipse.lsp4j.WorkspaceClientCapabilities ws =
        new org.eclipse.lsp4j.WorkspaceClientCapabilities();
    ws.setDiagnostics(new org.eclipse.lsp4j.DiagnosticWorkspaceCapabilities(true));
    caps.setWorkspace(ws);
    p.setCapabilities(caps);
    InitializeResult r = server.initialize(p).get(20, TimeUnit.SECONDS);
    server.initialized(new InitializedParams());
    assertNotNull(r.getCapabilities().getDiagnosticProvider());
    assertFalse(r.getCapabilities().getDiagnosticProvider().isInterFileDependencies());

    String uri = "file:///tmp/nodevice.conf";
    open(uri, "VF-0 { vlan = 5; }\n");
    List<String> before = pulledCodes(uri);
    assertTrue(before.contains("IOV301"), before.toString());
    // nothing is pushed to a client that pulls
    assertNull(client.diagnostics.poll(500, TimeUnit.MILLISECONDS));

    // new settings: the client is asked to pull again, and the pull says what changed
    JsonObject iovc = new JsonObject();
    iovc.addProperty("driver", "cxgbe");
    server
        .getWorkspaceService()
        .didChangeConfiguration(new org.eclipse.lsp4j.DidChangeConfigurationParams(iovc));
    assertNotNull(client.refreshed.poll(20, TimeUnit.SECONDS), "workspace/diagnostic/refresh");
    List<String> after = pulledCodes(uri);
    assertTrue(!after.contains("IOV201") && !after.equals(before), after.toString());
    change(uri, 2, "VF-0 { vlan = 5; bogus = 1; }\n");
    List<String> edited = pulledCodes(uri);
    assertTrue(edited.contains("IOV201"), edited.toString());
    server
        .getTextDocumentService()
        .didClose(
            new org.eclipse.lsp4j.DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
    assertNull(client.diagnostics.poll(500, TimeUnit.MILLISECONDS), "still nothing pushed");
  }

  @Test
  void pushWithoutTheCapability() throws Exception {
    InitializeResult r = init(null);
    assertNull(r.getCapabilities().getDiagnosticProvider());
    open(URI, Fixture.IXL.replace("passthrough", "passthru"));
    assertEquals(List.of("IOV201"), codes(client.next(URI)));
  }

  @Test
  void documentLinks() throws Exception {
    init(null);
    String text = "# iovc disable-file=IOV228, ixl001,NOPE1\n" + Fixture.IXL;
    open(URI, text);
    client.next(URI);
    var links =
        server
            .getTextDocumentService()
            .documentLink(new org.eclipse.lsp4j.DocumentLinkParams(new TextDocumentIdentifier(URI)))
            .get(20, TimeUnit.SECONDS);
    List<String> got =
        links.stream().map(l -> Fixture.range(l.getRange()) + " " + l.getTarget()).toList();
    assertEquals(
        List.of(
            "3:10-3:16 https://man.freebsd.org/cgi/man.cgi?query=ixl&sektion=4",
            "1:20-1:26 https://iovc.invalid/explain/IOV228",
            "1:28-1:34 https://iovc.invalid/explain/IXL001"),
        got);
    assertEquals("iovc explain IXL001", links.get(2).getTooltip());
    // a device no FreeBSD driver plugin serves (a Linux interface): no manual page
    open("file:///tmp/eth0.conf", "PF {\n\tdevice = \"eth0\";\n\tnum_vfs = 1;\n}\n");
    client.next("file:///tmp/eth0.conf");
    assertEquals(
        List.of(),
        server
            .getTextDocumentService()
            .documentLink(
                new org.eclipse.lsp4j.DocumentLinkParams(
                    new TextDocumentIdentifier("file:///tmp/eth0.conf")))
            .get(20, TimeUnit.SECONDS));
    // the page is the one FreeBSD ships: mlx5_core's is mlx5en(4); vnicpf has none
    assertEquals(
        List.of("https://man.freebsd.org/cgi/man.cgi?query=mlx5en&sektion=4"),
        linkTargets(
            "file:///tmp/mlx.conf", "PF {\n\tdevice = \"mlx5_core0\";\n\tnum_vfs = 1;\n}\n"));
    assertEquals(
        List.of(),
        linkTargets("file:///tmp/vnic.conf", "PF {\n\tdevice = \"vnicpf0\";\n\tnum_vfs = 1;\n}\n"));
  }

  private List<String> linkTargets(String uri, String text) throws Exception {
    open(uri, text);
    client.next(uri);
    return server
        .getTextDocumentService()
        .documentLink(new org.eclipse.lsp4j.DocumentLinkParams(new TextDocumentIdentifier(uri)))
        .get(20, TimeUnit.SECONDS)
        .stream()
        .map(l -> l.getTarget())
        .toList();
  }

  private String renameError(String uri, Position p, String name) throws Exception {
    try {
      server
          .getTextDocumentService()
          .rename(new org.eclipse.lsp4j.RenameParams(new TextDocumentIdentifier(uri), p, name))
          .get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertTrue(e.getCause() instanceof ResponseErrorException, String.valueOf(e.getCause()));
      return e.getCause().getMessage();
    }
    throw new AssertionError("renamed to " + name);
  }

  @Test
  void renameAVfSectionKeepsIndicesUniqueAndInRange() throws Exception {
    InitializeResult r = init(null);
    assertTrue(r.getCapabilities().getRenameProvider().getRight().getPrepareProvider());
    open(URI, Fixture.IXL);
    client.next(URI);
    var ts = server.getTextDocumentService();
    var prep =
        ts.prepareRename(
                new org.eclipse.lsp4j.PrepareRenameParams(
                    new TextDocumentIdentifier(URI), new Position(9, 2)))
            .get(20, TimeUnit.SECONDS);
    assertEquals(new Range(new Position(9, 0), new Position(9, 4)), prep.getSecond().getRange());
    assertEquals("VF-0", prep.getSecond().getPlaceholder());
    assertNull(
        ts.prepareRename(
                new org.eclipse.lsp4j.PrepareRenameParams(
                    new TextDocumentIdentifier(URI), new Position(10, 3)))
            .get(20, TimeUnit.SECONDS),
        "a parameter is not renamed");
    assertNull(
        ts.prepareRename(
                new org.eclipse.lsp4j.PrepareRenameParams(
                    new TextDocumentIdentifier(URI), new Position(0, 1)))
            .get(20, TimeUnit.SECONDS),
        "nor is PF");
    var edit =
        ts.rename(
                new org.eclipse.lsp4j.RenameParams(
                    new TextDocumentIdentifier(URI), new Position(9, 2), "VF-3"))
            .get(20, TimeUnit.SECONDS);
    assertEquals(
        Fixture.IXL.replace("VF-0 {", "VF-3 {"),
        Fixture.apply(Fixture.IXL, edit.getChanges().get(URI)));
    assertEquals(
        "VF-2 is configured already (line 14): rename or remove that section first",
        renameError(URI, new Position(9, 2), "VF-2"));
    assertEquals(
        "VF-4 is not one of this PF's VFs: num_vfs is 4 (VF-0 to VF-3); raise num_vfs first",
        renameError(URI, new Position(9, 2), "VF-4"));
    assertEquals(
        "`DEFAULT` is not a VF section name: write VF-N, e.g. VF-3",
        renameError(URI, new Position(9, 2), "DEFAULT"));
    assertEquals(
        "only a VF section (VF-N) can be renamed", renameError(URI, new Position(10, 3), "VF-1"));
    // a quoted key keeps its quotes
    String quoted = Fixture.IXL.replace("VF-2 {", "\"VF-2\" {");
    open("file:///tmp/q.conf", quoted);
    client.next("file:///tmp/q.conf");
    var q =
        ts.rename(
                new org.eclipse.lsp4j.RenameParams(
                    new TextDocumentIdentifier("file:///tmp/q.conf"), new Position(13, 3), "vf-1"))
            .get(20, TimeUnit.SECONDS);
    assertEquals(
        quoted.replace("\"VF-2\" {", "\"vf-1\" {"),
        Fixture.apply(quoted, q.getChanges().get("file:///tmp/q.conf")));
  }
}
