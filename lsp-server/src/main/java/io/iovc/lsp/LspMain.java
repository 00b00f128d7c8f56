package io.iovc.lsp;

import io.iovc.schema.PluginRegistry;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Starts the language server over standard input and output. {@code iovc lsp} calls {@link #run}
 * through reflection, so the compiler never links against lsp4j.
 *
 * <pre>
 * iovc lsp [--stdio] [--driver NAME] [--plugin-path DIR[:DIR…]] [--debounce MS] [--max-message BYTES]
 * </pre>
 */
public final class LspMain {
  /**
   * Largest JSON-RPC message read into memory: lsp4j holds a message about three times over while
   * decoding it, so an eighth of the heap (8 MiB with {@code -Xmx64m}), at most 16 MiB.
   */
  static final long DEFAULT_MAX_MESSAGE =
      Math.max(1L << 20, Math.min(16L << 20, Runtime.getRuntime().maxMemory() / 8));

  private LspMain() {}

  public static void main(String[] args) {
    int code = run(System.in, System.out, System.err, args);
    System.exit(code);
  }

  /**
   * Serves one client until it sends {@code exit} or closes the input; returns the exit status (0
   * after {@code shutdown}, 1 otherwise, 2 for bad arguments). Standard output is reserved for the
   * protocol: anything else printed goes to {@code err}.
   */
  public static int run(InputStream in, OutputStream out, PrintStream err, String... args) {
    Settings settings = new Settings();
    List<Path> pluginDirs = new ArrayList<>();
    long maxMessage = DEFAULT_MAX_MESSAGE;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        String value = null;
        int eq = a.indexOf('=');
        if (a.startsWith("--") && eq > 0) {
          value = a.substring(eq + 1);
          a = a.substring(0, eq);
        }
        switch (a) {
          case "--stdio" -> {}
          case "--driver" -> settings.driver = value != null ? value : args[++i];
          case "--plugin-path" -> {
            for (String d : (value != null ? value : args[++i]).split(File.pathSeparator))
              if (!d.isBlank()) pluginDirs.add(Path.of(d));
          }
          case "--debounce" ->
              settings.debounceMs = Integer.parseInt(value != null ? value : args[++i]);
          case "--max-message" -> maxMessage = Long.parseLong(value != null ? value : args[++i]);
          case "--log" -> {}
          case "-h", "--help" -> {
            err.println(
                "Usage: iovc lsp [--stdio] [--driver NAME] [--plugin-path DIR[:DIR…]] [--debounce MS]");
            err.println("Runs the iovc language server on standard input and output (LSP 3.17).");
            return 0;
          }
          default -> {
            err.println("iovc lsp: unknown option " + args[i]);
            return 2;
          }
        }
      }
    } catch (RuntimeException e) {
      err.println("iovc lsp: bad arguments: " + e.getMessage());
      return 2;
    }
    String env = System.getenv("IOVC_PLUGIN_PATH");
    if (env != null)
      for (String d : env.split(File.pathSeparator)) if (!d.isBlank()) pluginDirs.add(Path.of(d));

    PrintStream stdout = System.out;
    if (out == stdout) System.setOut(err); // stray prints must not corrupt the protocol
    try {
      PluginRegistry registry = PluginRegistry.load(pluginDirs);
      IovcLanguageServer server =
          new IovcLanguageServer(
              registry,
              settings,
              new Explanations(
                  settings, Explanations.defaultDir(IovcLanguageServer.VERSION), registry.codes()),
              LiveSchema.forThisHost(settings));
      CompletableFuture<Integer> exit = new CompletableFuture<>();
      server.onExit(exit::complete);
      Launcher<LanguageClient> launcher = launcher(server, new MessageGuard(in, maxMessage), out);
      server.connect(launcher.getRemoteProxy());
      Future<Void> listening = launcher.startListening();
      CompletableFuture.runAsync(
          () -> {
            try {
              listening.get();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
              // the input failed: same as closed
            }
            exit.complete(1);
          });
      int code = exit.get();
      listening.cancel(true);
      return code;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (ExecutionException | RuntimeException e) {
      err.println("iovc lsp: " + e);
      return 1;
    } finally {
      if (out == stdout) System.setOut(stdout);
    }
  }

  static Launcher<LanguageClient> launcher(
      IovcLanguageServer server, InputStream in, OutputStream out) {
    return new LSPLauncher.Builder<LanguageClient>()
        .setLocalService(server)
        .setRemoteInterface(LanguageClient.class)
        .setInput(in)
        .setOutput(out)
        .validateMessages(true)
        .create();
  }
}
