package io.iovc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code iovc -C/-D/-S/-L}: iovctl's getopt string, validation order, messages and exit status
 * (spec §1.3), one test per usage error. None of these reach the kernel.
 */
class IovctlCompatTest {
  static final List<String> USAGE =
      List.of(
          "iovc: Usage: iovctl -C -f <config file> [-n]",
          "iovc:        iovctl -D [-d <PF device> | -f <config file>] [-n]",
          "iovc:        iovctl -L [-d <PF device> | -f <config file>]",
          "iovc:        iovctl -S [-d <PF device> | -f <config file>]");

  PrintStream savedOut;
  PrintStream savedErr;
  ByteArrayOutputStream out;
  ByteArrayOutputStream err;

  @BeforeEach
  void capture() {
    savedOut = Output.out;
    savedErr = Output.err;
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    Output.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    Output.err = new PrintStream(err, true, StandardCharsets.UTF_8);
  }

  @AfterEach
  void restore() {
    Output.out = savedOut;
    Output.err = savedErr;
  }

  /** Runs iovc through Main (the pre-dispatch hook included) and returns stderr's lines. */
  List<String> run(int expectedStatus, String... args) {
    out.reset();
    err.reset();
    int status = Main.run(args);
    assertEquals(expectedStatus, status, err.toString(StandardCharsets.UTF_8));
    assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing on stdout");
    return List.of(err.toString(StandardCharsets.UTF_8).split("\n", -1));
  }

  static List<String> withUsage(String... lines) {
    List<String> l = new ArrayList<>(List.of(lines));
    l.addAll(USAGE);
    l.add("");
    return l;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "-C -D",
        "-D -C",
        "-S -L",
        "-L -S",
        "-C -S -f x.conf",
        "-CS",
        "-D -d ixl0 -D",
      })
  void onlyOneAction(String args) {
    assertEquals(withUsage("iovc: Only one action may be specified"), run(1, args.split(" ")));
  }

  @Test
  void unknownOptionPrintsGetoptsLineThenIovctlsWithABlankLine() {
    assertEquals(
        withUsage("iovc: illegal option -- x", "iovc: Unrecognized argument '-x'", ""),
        run(1, "-C", "-x"));
  }

  @Test
  void unknownOptionInsideACluster() {
    assertEquals(
        withUsage("iovc: illegal option -- q", "iovc: Unrecognized argument '-q'", ""),
        run(1, "-Sqd", "ixl0"));
  }

  @Test
  void colonIsNotAnOption() {
    assertEquals(
        withUsage("iovc: illegal option -- :", "iovc: Unrecognized argument '-:'", ""),
        run(1, "-D", "-:"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "-S -d | d",
        "-C -f | f",
        "-Cnf  | f",
        "-D -n -d | d",
      })
  void missingArgument(String args, char opt) {
    assertEquals(
        withUsage(
            "iovc: option requires an argument -- " + opt,
            "iovc: Unrecognized argument '-" + opt + "'",
            ""),
        run(1, args.split(" ")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "-S -d ixl0 -f x.conf",
        "-D -f x.conf -d ixl0",
        "-L -dixl0 -fx.conf",
        "-C -d ixl0 -f x.conf",
        "-d ixl0 -f x.conf",
      })
  void onlyOneOfDAndF(String args) {
    assertEquals(
        withUsage("iovc: Only one of the -d and -f flags may be specified"),
        run(1, args.split(" ")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "-D",
        "-S",
        "-L",
        "-D -n",
        "-n",
        "-S -- -d ixl0",
        "-S operand -d ixl0",
      })
  void eitherDOrF(String args) {
    assertEquals(
        withUsage("iovc: Either the -d or -f flag must be specified"), run(1, args.split(" ")));
  }

  @Test
  void dCannotBeUsedWithC() {
    assertEquals(
        withUsage("iovc: -d flag cannot be used with the -C flag"), run(1, "-C", "-d", "ixl0"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {"-C", "-Cn", "-C -n extra"})
  void fMustBeSpecified(String args) {
    assertEquals(withUsage("iovc: The -f flag must be specified"), run(1, args.split(" ")));
  }

  @Test
  void nCannotBeUsedWithS() {
    assertEquals(
        withUsage("iovc: -n flag cannot be used with the -S flag"),
        run(1, "-S", "-n", "-d", "ixl0"));
    assertEquals(withUsage("iovc: -n flag cannot be used with the -S flag"), run(1, "-Sndixl0"));
  }

  @Test
  void nCannotBeUsedWithL() {
    assertEquals(
        withUsage("iovc: -n flag cannot be used with the -L flag"),
        run(1, "-L", "-n", "-f", "x.conf"));
  }

  @Test
  void noActionPrintsOnlyTheUsage() {
    assertEquals(withUsage(), run(1, "-d", "ixl0"));
    assertEquals(withUsage(), run(1, "-f", "x.conf", "-n"));
  }

  @Test
  void validationOrderIsIovctls() {
    // the -d/-f conflict is reported before -C's own rules, -C's before anything is opened
    assertEquals(
        withUsage("iovc: Only one of the -d and -f flags may be specified"),
        run(1, "-C", "-n", "-d", "x", "-f", "y"));
    // an action conflict stops getopt at once, before a later unknown option
    assertEquals(withUsage("iovc: Only one action may be specified"), run(1, "-C", "-D", "-x"));
  }

  @Test
  void tooLongAPathIsIovctlsMessage() {
    assertEquals(
        List.of("iovc: Provided file name too long", ""),
        run(1, "-D", "-d", "/" + "a".repeat(1100)));
  }

  @Test
  void aDeviceNameThatIsNoNameunitIsRefusedBeforeAnythingIsOpened() {
    assertEquals(List.of("iovc: `..` contains `..`", ""), run(1, "-S", "-d", ".."));
  }

  @Test
  void aMissingConfigFileIsIovctlsMessage() {
    assertEquals(
        List.of(
            "iovc: Could not open '/nonexistent/x.conf' for reading: No such file or directory",
            ""),
        run(1, "-C", "-f", "/nonexistent/x.conf"));
  }

  @Test
  void aFileWithoutPfDeviceIsIovctlsMessage(@TempDir Path tmp) throws Exception {
    Path nodev = tmp.resolve("nodev.conf");
    Files.writeString(nodev, "PF { num_vfs = 1; }\n");
    List<String> c = run(1, "-C", "-f", nodev.toString());
    assertEquals("iovc: Config file does not specify device", c.get(c.size() - 2), c.toString());
    assertEquals(
        List.of("iovc: Config file does not specify device", ""),
        run(1, "-D", "-f", nodev.toString()));
    Path num = tmp.resolve("num.conf");
    Files.writeString(num, "PF { device = 5; num_vfs = 1; }\n");
    c = run(1, "-C", "-n", "-f", num.toString());
    assertEquals("iovc: Config PF.device must be a string", c.get(c.size() - 2), c.toString());
  }

  @Test
  void whichCommandLinesAreIovctls() {
    assertTrue(IovctlCompat.applies(new String[] {"-C", "-f", "x"}));
    assertTrue(IovctlCompat.applies(new String[] {"-Snd", "x"}));
    assertTrue(IovctlCompat.applies(new String[] {"-d", "ixl0", "-S"}));
    assertFalse(IovctlCompat.applies(new String[] {}));
    assertFalse(IovctlCompat.applies(new String[] {"check", "-C"}));
    assertFalse(IovctlCompat.applies(new String[] {"--help"}));
    assertFalse(IovctlCompat.applies(new String[] {"-h"}));
    assertFalse(IovctlCompat.applies(new String[] {"-V"}));
    assertFalse(IovctlCompat.applies(new String[] {"-"}));
  }
}
