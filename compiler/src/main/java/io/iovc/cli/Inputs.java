package io.iovc.cli;

import io.iovc.diag.Codes;
import io.iovc.diag.Diagnostic;
import io.iovc.source.SourceText;
import io.iovc.source.Span;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reading the files named on the command line: {@code -} is standard input, a directory means the
 * {@code *.conf} files below it. A file that cannot be read becomes a diagnostic, never an
 * exception; files larger than {@code --max-input} are refused before they are read.
 */
final class Inputs {
  /**
   * Default upper bound of an input file: far above any real iovctl.conf (65535 VFs fit in ~6 MB).
   */
  static final long DEFAULT_MAX_INPUT = 32L << 20;

  /** One input: its text, or why it could not be read. */
  record Input(String name, Path path, SourceText source, Diagnostic problem) {}

  private Inputs() {}

  /**
   * An input of the command line, named but perhaps not read yet: standard input and what cannot be
   * listed are read (or refused) at once, a file when {@link #read(long)} is called, so that a
   * batch can read its files on several threads.
   */
  record Named(String name, Path path, Input input) {
    Input read(long maxInput) {
      return input != null ? input : Inputs.read(name, path, maxInput);
    }
  }

  /** Each input, read. */
  static List<Input> expand(List<String> args, long maxInput) {
    List<Input> out = new ArrayList<>();
    for (Named n : names(args, maxInput)) out.add(n.read(maxInput));
    return out;
  }

  /**
   * The inputs the arguments name: a file as given, a directory's {@code *.conf} files below it in
   * path order, {@code -} for standard input (read now).
   */
  static List<Named> names(List<String> args, long maxInput) {
    List<Named> out = new ArrayList<>();
    for (String a : args) {
      if (a.equals("-")) {
        out.add(new Named(a, null, stdin(maxInput)));
        continue;
      }
      Path p = Path.of(a);
      if (Files.isDirectory(p)) {
        List<Path> found = new ArrayList<>();
        // the project file .iovc.conf is iovc's settings, not an iovctl.conf; the walk's own
        // attributes say what is a regular file, only a symbolic link is looked at again
        try (Stream<Path> s =
            Files.find(
                p,
                Integer.MAX_VALUE,
                (f, attrs) ->
                    f.getFileName().toString().endsWith(".conf")
                        && !f.getFileName().toString().equals(ProjectConfig.NAME)
                        && (attrs.isRegularFile()
                            || (attrs.isSymbolicLink() && Files.isRegularFile(f))))) {
          s.forEach(found::add);
        } catch (IOException | RuntimeException e) {
          out.add(
              new Named(a, null, problem(a, null, "cannot list the directory: " + e.getMessage())));
          continue;
        }
        found.sort(null);
        if (found.isEmpty())
          out.add(new Named(a, null, problem(a, null, "no *.conf files in this directory")));
        for (Path f : found) out.add(new Named(f.toString(), f, null));
      } else {
        out.add(new Named(a, p, null));
      }
    }
    return out;
  }

  static Input read(String name, Path p, long maxInput) {
    try {
      // one stat for a regular file (a directory of 10 000 files asked three each); anything else
      // is classified as before
      BasicFileAttributes attrs = null;
      try {
        attrs = Files.readAttributes(p, BasicFileAttributes.class);
      } catch (IOException e) {
        // below
      }
      if (attrs == null || !attrs.isRegularFile()) {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.exists(p))
          return problem(name, p, "no such file");
        if (!Files.isRegularFile(p))
          return problem(name, p, "not a regular file (iovctl only reads regular files)");
      }
      long size = attrs != null && attrs.isRegularFile() ? attrs.size() : Files.size(p);
      if (size > maxInput) {
        return problem(
            name,
            p,
            "the file is " + size + " bytes; iovc reads at most " + maxInput + " (--max-input)");
      }
      byte[] bytes = readAllBytes(p);
      if (bytes.length > maxInput)
        return problem(name, p, "the file grew beyond --max-input while being read");
      return new Input(name, p, new SourceText(name, bytes), null);
    } catch (NoSuchFileException e) {
      return problem(name, p, "no such file");
    } catch (AccessDeniedException e) {
      return problem(name, p, "permission denied");
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      return problem(name, p, "cannot read: " + e.getMessage());
    }
  }

  /**
   * The file's bytes through {@link FileInputStream}: the first read through a file channel costs a
   * one-file check 1.4 ms of class loading. When it cannot be opened, {@code Files.readAllBytes}
   * tries again and throws the exception that says why (no such file, permission denied…).
   */
  private static byte[] readAllBytes(Path p) throws IOException {
    FileInputStream in;
    try {
      in = new FileInputStream(p.toFile());
    } catch (FileNotFoundException | UnsupportedOperationException e) {
      return Files.readAllBytes(p);
    }
    try (in) {
      return in.readAllBytes();
    }
  }

  private static Input stdin(long maxInput) {
    try {
      InputStream in = System.in;
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxInput + 1));
      if (bytes.length > maxInput)
        return problem(
            "<stdin>", null, "standard input is longer than " + maxInput + " bytes (--max-input)");
      return new Input("<stdin>", null, new SourceText("<stdin>", bytes), null);
    } catch (IOException | OutOfMemoryError e) {
      return problem("<stdin>", null, "cannot read standard input: " + e.getMessage());
    }
  }

  private static Input problem(String name, Path p, String why) {
    Diagnostic d = Diagnostic.of(Codes.UNREADABLE, Span.at(0), name + ": " + why).build();
    return new Input(name, p, new SourceText(name, new byte[0]), d);
  }
}
