package io.iovc.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iovc.nvlist.NvDump;
import io.iovc.pipeline.Pipeline;
import io.iovc.schema.Schema;
import io.iovc.source.SourceText;
import io.iovc.syntax.Ucl;
import io.iovc.testing.IovGen;
import io.iovc.testing.UclGen;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Compares the whole pipeline with FreeBSD's own iovctl code (parse.c, validate.c, libucl, libnv)
 * on generated configs: the verdict (accept or refuse), and for accepted files the dry-run listing
 * and the packed bytes. The oracle is not part of the project: set {@code IOVC_ORACLE} to a
 * directory with {@code run.sh SCHEMA CONFIG} (prints exit, stdout, stderr, packed hex) and {@code
 * schemas/*.bin}. Skipped otherwise (always in CI).
 */
@EnabledIfEnvironmentVariable(named = "IOVC_ORACLE", matches = ".+")
class IovctlDifferentialTest {
  @Test
  void iovcAgreesWithIovctl() throws Exception {
    Path oracle = Path.of(System.getenv("IOVC_ORACLE"));
    int cases = Integer.parseInt(System.getenv().getOrDefault("IOVC_DIFF_CASES", "1000"));
    long seed = Long.parseLong(System.getenv().getOrDefault("IOVC_DIFF_SEED", "1"));
    String only = System.getenv("IOVC_DIFF_SCHEMA");
    Path dir = Files.createTempDirectory("iovc-idiff");
    List<String> failures = new ArrayList<>();
    int messageMismatch = 0;
    int accepted = 0;
    String[][] schemas = {
      {"ixl", "mac-addr,mac-anti-spoof,allow-set-mac,allow-promisc,num-queues"},
      {"ix-2026", "mac-addr,mac-anti-spoof,allow-set-mac,allow-promisc,vlan"},
      {"cxgbe", "mac-addr,vlan"},
      {
        "ice",
        "mac-addr,mac-anti-spoof,allow-set-mac,allow-promisc,num-queues,mirror-src-vsi,max-vlan-allowed,max-mac-filters"
      },
      {"mlx5", "mac-addr"},
    };
    for (int i = 0; i < cases; i++) {
      String[] s = schemas[i % schemas.length];
      if (only != null && !only.equals(s[0])) continue;
      Path blob = oracle.resolve("schemas/" + s[0] + ".bin");
      IovGen gen = new IovGen(seed * 1_000_003L + i, List.of(s[1].split(",")));
      byte[] input = gen.text().getBytes(StandardCharsets.ISO_8859_1);
      if (i % 7 == 3) input = new UclGen(seed + i).bytes();
      Path f = dir.resolve("c" + i + "-" + s[0] + ".conf");
      Files.write(f, input);
      Process p =
          new ProcessBuilder(oracle.resolve("run.sh").toString(), blob.toString(), f.toString())
              .redirectOutput(dir.resolve("out").toFile())
              .start();
      if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        System.err.println("oracle timed out on " + f + "; skipped");
        continue;
      }
      String out = new String(Files.readAllBytes(dir.resolve("out")), StandardCharsets.ISO_8859_1);
      int exit = Integer.parseInt(out.substring(5, out.indexOf('\n')));
      String stdout = out.substring(out.indexOf("stdout:\n") + 8, out.indexOf("stderr:\n"));
      String stderr = out.substring(out.indexOf("stderr:\n") + 8, out.indexOf("packed: "));
      String packed = out.substring(out.indexOf("packed: ") + 8).strip();

      Schema schema = Schema.fromBlob(Files.readAllBytes(blob), s[0]);
      var tree = Ucl.parse(new SourceText(f.toString(), input), Ucl.fileVariables(f));
      Pipeline.Result r = Pipeline.compile(tree, schema, Long.MAX_VALUE);
      boolean ok = !r.hasErrors();
      String problem = null;
      boolean keep = false;
      if (ok != (exit == 0)) {
        problem =
            "verdict: iovctl exit "
                + exit
                + " ("
                + stderr.strip()
                + "), iovc "
                + (ok
                    ? "accepts"
                    : "refuses: "
                        + r.diagnostics().stream()
                            .filter(d -> d.isError())
                            .map(d -> d.code() + " " + d.message())
                            .toList());
      } else if (ok) {
        accepted++;
        String listing =
            "Would enable SR-IOV on device '/dev/iov/"
                + r.check().config().device()
                + "'.\n"
                + "The following configuration parameters would be used:\n"
                + NvDump.fdump(r.config())
                + "The configuration parameters consume "
                + r.packed().length
                + " bytes when packed.\n";
        String hex = HexFormat.of().formatHex(r.packed());
        if (!listing.equals(stdout))
          problem = "listing differs:\n--- iovctl\n" + stdout + "--- iovc\n" + listing;
        else if (!hex.equals(packed)) problem = "packed bytes differ";
      } else {
        String first = stderr.lines().findFirst().orElse("").replaceFirst("^iovctl: ", "");
        // iovc's note for a file that makes iovctl abort is "iovctl aborts (SIGABRT) …"; iovctl's
        // first line is then libnv's assertion message.
        boolean aborts = first.startsWith("Assertion failed:");
        boolean found =
            r.diagnostics().stream()
                .anyMatch(
                    d ->
                        d.notes().stream()
                            .anyMatch(
                                n ->
                                    n.startsWith("iovctl: ")
                                            && first.startsWith(
                                                n.substring(8)
                                                    .replace(": <an unrelated errno>", ""))
                                        || aborts && n.startsWith("iovctl aborts (SIGABRT)")));
        if (!found) {
          messageMismatch++;
          if (System.getenv("IOVC_DIFF_MESSAGES") != null) {
            keep = true;
            System.err.println(
                "message "
                    + f
                    + ": iovctl `"
                    + first
                    + "`, iovc "
                    + r.diagnostics().stream()
                        .filter(d -> d.isError())
                        .flatMap(d -> d.notes().stream())
                        .toList());
          }
        }
      }
      if (problem != null) {
        failures.add(f.toString());
        if (failures.size() <= 6)
          System.err.println(
              "=== "
                  + f
                  + " ["
                  + s[0]
                  + "]\n"
                  + new String(input, StandardCharsets.ISO_8859_1)
                  + "\n"
                  + problem);
      } else if (!keep) {
        Files.delete(f);
      }
    }
    System.err.println(
        "differential: "
            + cases
            + " cases, "
            + accepted
            + " accepted by both, "
            + failures.size()
            + " disagreements, "
            + messageMismatch
            + " refusals where iovctl's first message is not among iovc's notes");
    assertEquals(List.of(), failures);
  }
}
