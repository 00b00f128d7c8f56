package io.iovc.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Settings changes and the {@code iovc.explain} command. */
final class IovcWorkspaceService implements WorkspaceService {
  private final IovcLanguageServer server;

  IovcWorkspaceService(IovcLanguageServer server) {
    this.server = server;
  }

  @Override
  public void didChangeConfiguration(DidChangeConfigurationParams params) {
    server.settingsChanged(params == null ? null : params.getSettings());
  }

  @Override
  public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    // iovctl.conf files include nothing, so no other file changes a diagnostic
  }

  @Override
  public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
    if (params != null && CodeActions.EXPLAIN.equals(params.getCommand())) {
      Object arg =
          params.getArguments() == null || params.getArguments().isEmpty()
              ? null
              : params.getArguments().get(0);
      String code =
          arg instanceof JsonPrimitive p && p.isString()
              ? p.getAsString()
              : arg instanceof String s ? s : arg instanceof JsonElement e ? e.toString() : null;
      return server.explain(code);
    }
    return CompletableFuture.completedFuture(null);
  }
}
