package io.iovc.lsp;

import io.iovc.format.Formatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentOnTypeFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.SelectionRange;
import org.eclipse.lsp4j.SelectionRangeParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * The JSON-RPC face of the service: keeps the open documents (on the worker thread), debounces and
 * pushes diagnostics, and answers each request from {@link IovcLanguageService}. Unknown documents
 * and malformed parameters get an empty answer; stale changes are ignored.
 */
final class IovcTextDocumentService implements TextDocumentService {
  private final IovcLanguageServer server;
  private final IovcLanguageService service;
  private final Worker worker;
  private final Map<String, Document> docs = new HashMap<>();
  private final Map<String, ScheduledFuture<?>> pending = new HashMap<>();

  IovcTextDocumentService(IovcLanguageServer server, IovcLanguageService service, Worker worker) {
    this.server = server;
    this.service = service;
    this.worker = worker;
  }

  // ---------------------------------------------------------------- synchronisation

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    worker.run(
        "didOpen",
        () -> {
          var td = params.getTextDocument();
          if (td == null || td.getUri() == null) return;
          Document d = new Document(td.getUri(), td.getVersion());
          setText(d, td.getText() == null ? "" : td.getText());
          docs.put(d.uri, d);
          publishNow(d);
        });
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    worker.run(
        "didChange",
        () -> {
          var td = params.getTextDocument();
          if (td == null || td.getUri() == null || params.getContentChanges() == null) return;
          Document d = docs.get(td.getUri());
          Integer version = td.getVersion();
          if (d == null) {
            // a change for a document never opened: recover when it carries the whole text
            String full = null;
            for (TextDocumentContentChangeEvent c : params.getContentChanges())
              if (c != null && c.getRange() == null) full = c.getText();
            if (full == null) return;
            d = new Document(td.getUri(), version == null ? 0 : version);
            docs.put(d.uri, d);
          } else if (version != null && version <= d.version) {
            server.log(
                MessageType.Log,
                "ignored a change to "
                    + d.uri
                    + " with version "
                    + version
                    + " (have "
                    + d.version
                    + ")");
            return;
          }
          String text = d.text == null ? "" : d.text;
          for (TextDocumentContentChangeEvent c : params.getContentChanges()) {
            if (c == null || c.getText() == null) continue;
            text = c.getRange() == null ? c.getText() : applyRange(d, text, c);
          }
          if (version != null) d.version = version;
          setText(d, text);
          schedule(d, service.settings.debounceMs);
        });
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    worker.run(
        "didSave",
        () -> {
          Document d =
              params.getTextDocument() == null ? null : docs.get(params.getTextDocument().getUri());
          if (d != null) publishNow(d);
        });
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    worker.run(
        "didClose",
        () -> {
          if (params.getTextDocument() == null) return;
          String uri = params.getTextDocument().getUri();
          Document d = docs.remove(uri);
          cancel(uri);
          if (d != null) service.forget(d);
          if (d != null && !service.client.pullDiagnostics())
            server.publish(new PublishDiagnosticsParams(uri, List.of()));
        });
  }

  private void setText(Document d, String text) {
    long size = IovcLanguageService.utf8Length(text);
    d.size = size;
    d.text = size > service.settings.maxFileSize ? null : text;
    d.dropped = null;
    d.analysis = null;
  }

  /** An incremental change (the server asks for full sync, but accepts these too). */
  private String applyRange(Document d, String text, TextDocumentContentChangeEvent c) {
    Positions pos =
        new Positions(io.iovc.source.SourceText.of(d.name(), text), service.client.encoding());
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int s = pos.start(c.getRange());
    int e = pos.end(c.getRange());
    String head = new String(bytes, 0, s, java.nio.charset.StandardCharsets.UTF_8);
    String tail = new String(bytes, e, bytes.length - e, java.nio.charset.StandardCharsets.UTF_8);
    return head + c.getText() + tail;
  }

  // ---------------------------------------------------------------- diagnostics

  /** Diagnostics for every open document again (the settings changed). */
  void refreshAll() {
    worker.run(
        "refresh",
        () -> {
          for (Document d : docs.values()) {
            d.analysis = null;
            publishNow(d);
          }
          if (service.client.pullDiagnostics()) server.refreshDiagnostics();
        });
  }

  /** Forgets every analysis (after running out of memory). */
  void dropAnalyses() {
    for (Document d : docs.values()) service.forget(d);
  }

  private void schedule(Document d, long delayMs) {
    cancel(d.uri);
    if (delayMs <= 0) {
      publishNow(d);
      return;
    }
    int version = d.version;
    ScheduledFuture<?> f =
        worker.schedule(
            "diagnostics",
            () -> {
              pending.remove(d.uri);
              if (docs.get(d.uri) == d && d.version == version) publish(d);
            },
            delayMs);
    if (f != null) pending.put(d.uri, f);
  }

  private void publishNow(Document d) {
    cancel(d.uri);
    publish(d);
  }

  /** Pushes the diagnostics, unless the client pulls them (textDocument/diagnostic). */
  private void publish(Document d) {
    if (service.client.pullDiagnostics()) return;
    server.publish(diagnostics(d));
  }

  private PublishDiagnosticsParams diagnostics(Document d) {
    PublishDiagnosticsParams p;
    try {
      p = service.diagnostics(d);
    } catch (OutOfMemoryError e) {
      dropAnalyses();
      d.text = null; // too large for this heap after all: answer with IOV003 from now on
      d.dropped = "memory";
      p = service.diagnostics(d);
    }
    return p;
  }

  private void cancel(String uri) {
    ScheduledFuture<?> f = pending.remove(uri);
    if (f != null) f.cancel(false);
  }

  // ---------------------------------------------------------------- requests

  private Document doc(TextDocumentIdentifier id) {
    return id == null || id.getUri() == null ? null : docs.get(id.getUri());
  }

  @Override
  public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(
      CompletionParams params) {
    Either<List<CompletionItem>, CompletionList> none =
        Either.forRight(new CompletionList(false, List.of()));
    return worker.request(
        "completion",
        () -> {
          Document d = doc(params.getTextDocument());
          return d == null || params.getPosition() == null
              ? none
              : Either.forRight(service.completion(d, params.getPosition()));
        },
        none);
  }

  @Override
  public CompletableFuture<Hover> hover(HoverParams params) {
    return worker.request(
        "hover",
        () -> {
          Document d = doc(params.getTextDocument());
          return d == null || params.getPosition() == null
              ? null
              : service.hover(d, params.getPosition());
        },
        null);
  }

  @Override
  public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
    return worker.request(
        "codeAction",
        () -> {
          Document d = doc(params.getTextDocument());
          return d == null || params.getRange() == null
              ? List.of()
              : service.codeActions(d, params);
        },
        List.of());
  }

  @Override
  public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
    return worker.request(
        "formatting",
        () -> {
          Document d = doc(params.getTextDocument());
          if (d == null) return List.of();
          try {
            return service.formatting(d);
          } catch (Formatter.FormatException e) {
            server.show(MessageType.Warning, "iovc: " + e.getMessage());
            return List.of();
          }
        },
        List.of());
  }

  @Override
  public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
      DocumentSymbolParams params) {
    return worker.request(
        "documentSymbol",
        () -> {
          Document d = doc(params.getTextDocument());
          return d == null ? List.of() : service.symbols(d);
        },
        List.of());
  }

  @Override
  public CompletableFuture<List<FoldingRange>> foldingRange(FoldingRangeRequestParams params) {
    return worker.request(
        "foldingRange",
        () -> {
          Document d = doc(params.getTextDocument());
          return d == null ? List.of() : service.folding(d);
        },
        List.of());
  }

  @Override
  public CompletableFuture<List<? extends TextEdit>> onTypeFormatting(
      DocumentOnTypeFormattingParams params) {
    return worker.request(
        "onTypeFormatting",
        () -> {
          Document d = doc(params.getTextDocument());
          if (d == null) return List.of();
          try {
            return service.onTypeFormatting(d, params.getPosition(), params.getCh());
          } catch (Formatter.FormatException e) {
            return List.of(); // mid-edit text that cannot be formatted yet: no change, no warning
          }
        },
        List.of());
  }

  @Override
  public CompletableFuture<List<SelectionRange>> selectionRange(SelectionRangeParams params) {
    return worker.request(
        "selectionRange",
        () -> {
          Document d = doc(params.getTextDocument());
          return d == null ? List.of() : service.selectionRanges(d, params.getPositions());
        },
        List.of());
  }

  @Override
  public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
    return worker.request(
        "inlayHint",
        () -> {
          Document d = doc(params.getTextDocument());
          return d == null ? List.of() : service.inlayHints(d, params.getRange());
        },
        List.of());
  }

  @Override
  public CompletableFuture<List<? extends org.eclipse.lsp4j.CodeLens>> codeLens(
      org.eclipse.lsp4j.CodeLensParams params) {
    return worker.request(
        "codeLens",
        () -> {
          Document d = doc(params.getTextDocument());
          return d == null ? List.of() : service.codeLenses(d);
        },
        List.of());
  }

  @Override
  public CompletableFuture<org.eclipse.lsp4j.DocumentDiagnosticReport> diagnostic(
      org.eclipse.lsp4j.DocumentDiagnosticParams params) {
    org.eclipse.lsp4j.DocumentDiagnosticReport none =
        new org.eclipse.lsp4j.DocumentDiagnosticReport(
            new org.eclipse.lsp4j.RelatedFullDocumentDiagnosticReport(List.of()));
    return worker.request(
        "diagnostic",
        () -> {
          Document d = doc(params.getTextDocument());
          if (d == null) return none;
          return new org.eclipse.lsp4j.DocumentDiagnosticReport(
              new org.eclipse.lsp4j.RelatedFullDocumentDiagnosticReport(
                  diagnostics(d).getDiagnostics()));
        },
        none);
  }

  @Override
  public CompletableFuture<List<org.eclipse.lsp4j.DocumentLink>> documentLink(
      org.eclipse.lsp4j.DocumentLinkParams params) {
    return worker.request(
        "documentLink",
        () -> {
          Document d = doc(params.getTextDocument());
          return d == null ? List.of() : service.documentLinks(d);
        },
        List.of());
  }

  @Override
  public CompletableFuture<
          org.eclipse.lsp4j.jsonrpc.messages.Either3<
              org.eclipse.lsp4j.Range,
              org.eclipse.lsp4j.PrepareRenameResult,
              org.eclipse.lsp4j.PrepareRenameDefaultBehavior>>
      prepareRename(org.eclipse.lsp4j.PrepareRenameParams params) {
    return worker.request(
        "prepareRename",
        () -> {
          Document d = doc(params.getTextDocument());
          var r =
              d == null || params.getPosition() == null
                  ? null
                  : service.prepareRename(d, params.getPosition());
          return r == null
              ? null
              : org.eclipse.lsp4j.jsonrpc.messages.Either3
                  .<org.eclipse.lsp4j.Range, org.eclipse.lsp4j.PrepareRenameResult,
                      org.eclipse.lsp4j.PrepareRenameDefaultBehavior>
                      forSecond(r);
        },
        null);
  }

  /** A VF section renamed, or an error saying why not (the index is taken or out of range). */
  @Override
  public CompletableFuture<org.eclipse.lsp4j.WorkspaceEdit> rename(
      org.eclipse.lsp4j.RenameParams params) {
    return worker
        .request(
            "rename",
            () -> {
              Document d = doc(params.getTextDocument());
              return d == null || params.getPosition() == null
                  ? new Renames.Result(null, "the document is not open")
                  : service.rename(d, params.getPosition(), params.getNewName());
            },
            new Renames.Result(null, "iovc could not rename here"))
        .thenApply(
            r -> {
              if (r.refusal() != null)
                throw new org.eclipse.lsp4j.jsonrpc.ResponseErrorException(
                    new org.eclipse.lsp4j.jsonrpc.messages.ResponseError(
                        org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode.RequestFailed,
                        r.refusal(),
                        null));
              return r.edit();
            });
  }

  @Override
  public CompletableFuture<SemanticTokens> semanticTokensFull(SemanticTokensParams params) {
    SemanticTokens none = new SemanticTokens(List.of());
    return worker.request(
        "semanticTokens",
        () -> {
          Document d = doc(params.getTextDocument());
          return d == null ? none : service.semanticTokens(d);
        },
        none);
  }

  /** For {@code $/iovc/tooLarge}: a didOpen/didChange whose text was too large to read. */
  void tooLarge(String uri, Integer version, long size) {
    worker.run(
        "tooLarge",
        () -> {
          Document d = docs.get(uri);
          if (d == null) {
            d = new Document(uri, version == null ? 0 : version);
            docs.put(uri, d);
          } else if (version != null && version <= d.version) {
            return;
          }
          if (version != null) d.version = version;
          d.text = null;
          d.size = size;
          d.dropped = "message";
          d.analysis = null;
          publishNow(d);
        });
  }
}
