package io.iovc.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run of the class-data archive ({@code bin/iovc} runs it with {@code
 * -XX:ArchiveClassesAtExit}): every command users run at a prompt or at boot, on the bundled
 * examples, in one JVM, so that the archive holds the classes of each and not only those of {@code
 * check}. Output is discarded. Usage: {@code Training EXAMPLES_DIR}.
 */
final class Training {
  private Training() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: Training EXAMPLES_DIR");
      System.exit(2);
    }
    Path examples = Path.of(args[0]);
    Path scratch = Files.createTempDirectory("iovc-training");
    List<String> confs = new ArrayList<>();
    try (DirectoryStream<Path> d = Files.newDirectoryStream(examples, "*.conf")) {
      for (Path p : d) confs.add(p.toString());
    }
    confs.sort(null);
    PrintStream sink =
        new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    Output.out = sink;
    Output.err = sink;
    String dir = examples.toString();
    String nvl = scratch.resolve("training.nvl").toString();
    String schema = scratch.resolve("training-schema.nvl").toString();
    Main.run("check", dir);
    for (String format : List.of("json", "sarif", "gcc", "github", "checkstyle"))
      Main.run("check", "--format", format, dir);
    Main.run("fmt", "--check", dir);
    for (String c : confs) {
      Main.run("check", c);
      Main.run("compile", "-n", c);
      Main.run("compile", c);
      Main.run("compile", "-o", nvl, c);
      Main.run("dump", nvl);
      Main.run("schema", c);
    }
    Main.run("schema", "--driver", "ixl");
    Main.run("schema", "--driver", "ixl", "-o", schema);
    Main.run("dump", schema);
    Main.run("dump", "--schema-text", schema);
    Main.run("explain");
    Main.run("explain", "IOV201");
    Main.run("drivers");
    // Read-only against the running kernel: they stop where they find no device.
    if (!confs.isEmpty()) Main.run("plan", confs.get(0));
    Main.run("status", "iovc-training-no-such-device");
    Files.deleteIfExists(Path.of(nvl));
    Files.deleteIfExists(Path.of(schema));
    Files.deleteIfExists(scratch);
    System.exit(0);
  }
}
