package io.iovc.bench;

import io.iovc.pipeline.Pipeline;
import io.iovc.schema.Schema;
import io.iovc.source.SourceText;
import io.iovc.syntax.Ucl;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse + check + pack of one file, warm (what iovctl's parse.c/validate.c/nvlist_pack do for
 * {@code iovctl -C}). Run with {@code bin/bench-jmh}. Sizes: the spec §7.9 file (2 VFs) and a
 * 256-VF file with a DEFAULT section and a MAC per VF.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CompileBenchmark {
  @Param({"2", "256"})
  public int vfs;

  private byte[] text;
  private Schema schema;
  private Map<String, String> vars;

  static String config(int vfs) {
    if (vfs == 2)
      return "PF { device = \"ixl0\"; num_vfs = 2; }\nVF-0 { mac-addr = \"02:00:00:00:00:01\"; }\n";
    StringBuilder sb =
        new StringBuilder(
            "PF {\n\tdevice = \"ixl0\";\n\tnum_vfs = "
                + vfs
                + ";\n}\n\nDEFAULT {\n\tallow-set-mac = false;\n\tnum-queues = 4;\n}\n");
    for (int i = 0; i < vfs; i++) {
      sb.append(
          String.format(
              "\nVF-%d {\n\tmac-addr = \"02:00:00:00:%02x:%02x\";\n%s}\n",
              i, i >> 8, i & 0xff, i % 4 == 0 ? "\tpassthrough = true;\n" : ""));
    }
    return sb.toString();
  }

  static Schema ixlSchema() {
    try {
      return Schema.fromIovctlText(
          """
          The following configuration parameters may be configured on the PF:
          \tnum_vfs : uint16_t (required)
          \tdevice : string (required)

          The following configuration parameters may be configured on a VF:
          \tpassthrough : bool (default = false)
          \tmac-addr : unicast-mac (optional)
          \tmac-anti-spoof : bool (default = true)
          \tallow-set-mac : bool (default = false)
          \tallow-promisc : bool (default = false)
          \tnum-queues : uint16_t (default = 4)
          """,
          "ixl");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Setup
  public void setup() {
    text = config(vfs).getBytes(StandardCharsets.UTF_8);
    schema = ixlSchema();
    vars = new LinkedHashMap<>();
    vars.put("FILENAME", "/etc/iov/ixl0.conf");
    vars.put("CURDIR", "/etc/iov");
  }

  @Benchmark
  public byte[] parseCheckPack() {
    Pipeline.Result r =
        Pipeline.compile(
            Ucl.parse(new SourceText("ixl0.conf", text), vars),
            schema,
            Pipeline.DEFAULT_MAX_CONFIG);
    return r.packed();
  }
}
