package io.iovc.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code iovc lsp}: the language server on standard input and output. It lives in the separate
 * {@code iovc-lsp-server} jar and is loaded by name only here, so every other command runs without
 * lsp4j or gson on the class path (and never loads them).
 */
@Command(
    name = "lsp",
    mixinStandardHelpOptions = true,
    description = {
      "Run the iovc language server (LSP 3.17) on standard input and output, for editors.",
      "Settings come from the client (iovc.driver, …); see editor-support/ for VS Code, Neovim, Emacs, Vim and Helix."
    })
final class LspCommand implements Callable<Integer> {
  static final String MAIN = "io.iovc.lsp.LspMain";

  @Option(
      names = "--stdio",
      description = "Talk over standard input and output (the default and only transport).")
  boolean stdio;

  @Option(
      names = "--driver",
      paramLabel = "NAME",
      description =
          "Schema for files whose PF.device and modeline choose none (like the iovc.driver setting).")
  String driver;

  @Option(
      names = "--plugin-path",
      paramLabel = "DIR",
      split = ":",
      description = "Also load driver plugin jars from DIR (repeatable; also IOVC_PLUGIN_PATH).")
  List<Path> pluginPath = new ArrayList<>();

  @Option(
      names = "--debounce",
      paramLabel = "MS",
      description = "Delay between the last edit and the diagnostics (default 200).")
  Integer debounce;

  @Option(
      names = "--max-message",
      paramLabel = "BYTES",
      hidden = true,
      description = "Largest JSON-RPC message read into memory.")
  Long maxMessage;

  @Override
  public Integer call() throws UserError {
    List<String> args = new ArrayList<>();
    if (driver != null) args.addAll(List.of("--driver", driver));
    if (!pluginPath.isEmpty()) {
      List<String> dirs = new ArrayList<>();
      for (Path p : pluginPath) dirs.add(p.toString());
      args.addAll(List.of("--plugin-path", String.join(java.io.File.pathSeparator, dirs)));
    }
    if (debounce != null) args.addAll(List.of("--debounce", debounce.toString()));
    if (maxMessage != null) args.addAll(List.of("--max-message", maxMessage.toString()));
    Method run;
    try {
      Class<?> c = Class.forName(MAIN, true, LspCommand.class.getClassLoader());
      run =
          c.getMethod(
              "run", InputStream.class, OutputStream.class, PrintStream.class, String[].class);
    } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
      throw new UserError(
          69,
          "the language server is not installed: iovc-lsp-server and its libraries (lsp4j, gson) must be in lib/ next to iovc-compiler ("
              + e
              + ")");
    }
    Output.flush();
    try {
      return (Integer)
          run.invoke(null, System.in, System.out, Output.err, args.toArray(new String[0]));
    } catch (InvocationTargetException e) {
      Throwable t = e.getCause() == null ? e : e.getCause();
      if (t instanceof RuntimeException r) throw r;
      if (t instanceof Error err) throw err;
      throw new IllegalStateException(t);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
