package io.iovc.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.iovc.schema.PluginRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.ConfigurationItem;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.DocumentOnTypeFormattingOptions;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.SetTraceParams;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/** {@code iovc lsp}: lifecycle, capabilities and settings; the features live in the services. */
public final class IovcLanguageServer implements LanguageServer, LanguageClientAware {
  public static final String VERSION = io.iovc.About.VERSION;

  private final Settings settings;
  private final IovcLanguageService service;
  private final Worker worker;
  private final IovcTextDocumentService documents;
  private final IovcWorkspaceService workspace;
  private final Explanations explanations;
  private volatile LanguageClient client;
  private volatile boolean shutdown;
  private volatile IntConsumer onExit = code -> {};

  IovcLanguageServer(
      PluginRegistry registry, Settings settings, Explanations explanations, LiveSchema live) {
    this.settings = settings;
    this.explanations = explanations;
    this.service = new IovcLanguageService(registry, settings, explanations, live);
    this.service.host = HostView.Linux.forThisHost(settings, registry);
    this.worker = new Worker(m -> log(MessageType.Error, m), this::outOfMemory);
    this.documents = new IovcTextDocumentService(this, service, worker);
    this.workspace = new IovcWorkspaceService(this);
  }

  /** A server with the default explanation directory and the host's live schema. */
  public static IovcLanguageServer create(PluginRegistry registry) {
    Settings s = new Settings();
    return new IovcLanguageServer(
        registry,
        s,
        new Explanations(s, Explanations.defaultDir(VERSION), registry.codes()),
        LiveSchema.forThisHost(s));
  }

  Settings settings() {
    return settings;
  }

  IovcLanguageService service() {
    return service;
  }

  IovcTextDocumentService documents() {
    return documents;
  }

  /** Called with the exit status when the client sends {@code exit}. */
  void onExit(IntConsumer c) {
    this.onExit = c;
  }

  @Override
  public void connect(LanguageClient client) {
    this.client = client;
  }

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    ClientInfo info = ClientInfo.of(params.getCapabilities());
    service.client = info;
    settings.update(params.getInitializationOptions());
    Integer pid = params.getProcessId();
    if (pid != null && pid > 0) {
      ProcessHandle.of(pid)
          .ifPresent(ph -> ph.onExit().thenRun(() -> onExit.accept(shutdown ? 0 : 1)));
    }
    ServerCapabilities caps = new ServerCapabilities();
    caps.setPositionEncoding(info.encoding().lspName);
    TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
    sync.setOpenClose(true);
    sync.setChange(TextDocumentSyncKind.Full);
    sync.setSave(new SaveOptions(false));
    caps.setTextDocumentSync(sync);
    CompletionOptions completion = new CompletionOptions(false, List.of("\""));
    caps.setCompletionProvider(completion);
    caps.setHoverProvider(true);
    caps.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
    caps.setDocumentFormattingProvider(true);
    caps.setDocumentSymbolProvider(true);
    caps.setFoldingRangeProvider(true);
    caps.setSelectionRangeProvider(true);
    caps.setDocumentOnTypeFormattingProvider(new DocumentOnTypeFormattingOptions("}"));
    caps.setInlayHintProvider(true);
    caps.setCodeLensProvider(new org.eclipse.lsp4j.CodeLensOptions(false));
    caps.setDocumentLinkProvider(new org.eclipse.lsp4j.DocumentLinkOptions(false));
    caps.setRenameProvider(new org.eclipse.lsp4j.RenameOptions(true));
    if (info.pullDiagnostics()) {
      // the client pulls (textDocument/diagnostic); push stays for clients that cannot
      org.eclipse.lsp4j.DiagnosticRegistrationOptions pull =
          new org.eclipse.lsp4j.DiagnosticRegistrationOptions(false, false);
      pull.setIdentifier("iovc");
      caps.setDiagnosticProvider(pull);
    }
    caps.setSemanticTokensProvider(
        new SemanticTokensWithRegistrationOptions(SemanticTokensBuilder.LEGEND, true, false));
    caps.setExecuteCommandProvider(new ExecuteCommandOptions(List.of(CodeActions.EXPLAIN)));
    return CompletableFuture.completedFuture(
        new InitializeResult(caps, new ServerInfo("iovc", VERSION)));
  }

  @Override
  public void initialized(InitializedParams params) {
    for (String p : service.registry.problems()) log(MessageType.Warning, "iovc: " + p);
    if (service.client.configurationPull()) pullConfiguration();
  }

  /** Asks the client for the {@code iovc} settings ({@code workspace/configuration}). */
  void pullConfiguration() {
    LanguageClient c = client;
    if (c == null) return;
    ConfigurationItem item = new ConfigurationItem();
    item.setSection("iovc");
    try {
      c.configuration(new ConfigurationParams(List.of(item)))
          .thenAccept(
              list -> {
                if (list != null && !list.isEmpty() && settings.update(wrap(list.get(0))))
                  documents.refreshAll();
              })
          .exceptionally(t -> null);
    } catch (RuntimeException e) {
      // the client does not answer it after all
    }
  }

  /** A configuration answer is the {@code iovc} section itself. */
  private static Object wrap(Object section) {
    if (!(section instanceof JsonObject o)) return section;
    JsonObject w = new JsonObject();
    w.add("iovc", o);
    return w;
  }

  void settingsChanged(Object json) {
    boolean empty =
        json == null
            || json instanceof JsonElement e && e.isJsonNull()
            || json instanceof JsonObject o && o.size() == 0;
    if (empty && service.client.configurationPull()) {
      pullConfiguration();
    } else if (settings.update(json)) {
      documents.refreshAll();
    }
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    shutdown = true;
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    worker.shutdown();
    onExit.accept(shutdown ? 0 : 1);
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return documents;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return workspace;
  }

  @Override
  public void setTrace(SetTraceParams params) {
    // nothing to trace beyond window/logMessage
  }

  /**
   * {@code $/iovc/tooLarge}: sent in place of a message too large to read (see {@link
   * MessageGuard}).
   */
  @JsonNotification("$/iovc/tooLarge")
  public void tooLarge(JsonObject params) {
    if (params == null) return;
    String method = str(params.get("method"));
    String uri = str(params.get("uri"));
    long size = params.get("size") instanceof JsonPrimitive p && p.isNumber() ? p.getAsLong() : -1;
    Integer version =
        params.get("version") instanceof JsonPrimitive p && p.isNumber() ? p.getAsInt() : null;
    log(
        MessageType.Warning,
        "iovc: ignored a "
            + size
            + "-byte "
            + (method == null ? "message" : method)
            + " (too large to read)");
    if (uri != null
        && ("textDocument/didOpen".equals(method) || "textDocument/didChange".equals(method))) {
      documents.tooLarge(uri, version, size);
    }
  }

  /** The request a too-large request is replaced by: answered with an error. */
  @JsonRequest("$/iovc/tooLargeRequest")
  public CompletableFuture<Object> tooLargeRequest(JsonObject params) {
    CompletableFuture<Object> f = new CompletableFuture<>();
    f.completeExceptionally(
        new ResponseErrorException(
            new ResponseError(
                ResponseErrorCode.InvalidRequest, "the request is too large for iovc", null)));
    return f;
  }

  private static String str(JsonElement e) {
    return e instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
  }

  // ---------------------------------------------------------------- to the client

  /** Asks a pulling client to pull again ({@code workspace/diagnostic/refresh}). */
  void refreshDiagnostics() {
    LanguageClient c = client;
    if (c != null && service.client.diagnosticRefresh()) {
      try {
        c.refreshDiagnostics();
      } catch (RuntimeException e) {
        // the connection is gone
      }
    }
  }

  void publish(PublishDiagnosticsParams p) {
    LanguageClient c = client;
    if (c != null) c.publishDiagnostics(p);
  }

  void log(MessageType t, String message) {
    LanguageClient c = client;
    if (c != null) {
      try {
        c.logMessage(new MessageParams(t, message));
      } catch (RuntimeException e) {
        // the connection is gone
      }
    }
  }

  void show(MessageType t, String message) {
    LanguageClient c = client;
    if (c != null) c.showMessage(new MessageParams(t, message));
  }

  /** {@code workspace/executeCommand iovc.explain CODE}: shows and returns the explanation. */
  CompletableFuture<Object> explain(String code) {
    String text = code == null ? null : explanations.text(code.toUpperCase(java.util.Locale.ROOT));
    if (text == null) {
      CompletableFuture<Object> f = new CompletableFuture<>();
      f.completeExceptionally(
          new ResponseErrorException(
              new ResponseError(
                  ResponseErrorCode.InvalidParams, "no diagnostic code " + code, null)));
      return f;
    }
    LanguageClient c = client;
    java.nio.file.Path file =
        service.client.showDocument()
            ? explanations.file(code.toUpperCase(java.util.Locale.ROOT))
            : null;
    if (c != null && file != null) {
      org.eclipse.lsp4j.ShowDocumentParams sd =
          new org.eclipse.lsp4j.ShowDocumentParams(file.toUri().toString());
      sd.setTakeFocus(true);
      c.showDocument(sd);
    } else if (c != null) {
      c.showMessage(new MessageParams(MessageType.Info, text));
    }
    return CompletableFuture.completedFuture(text);
  }

  private void outOfMemory() {
    documents.dropAnalyses();
    log(
        MessageType.Error,
        "iovc: out of memory; analyses dropped (raise -Xmx with IOVC_JAVA_OPTS)");
  }
}
