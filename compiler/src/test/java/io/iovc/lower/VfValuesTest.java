package io.iovc.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.iovc.check.CheckResult;
import io.iovc.check.Checker;
import io.iovc.plugin.ParamSpec;
import io.iovc.plugin.ParamType;
import io.iovc.schema.Schema;
import io.iovc.source.SourceText;
import io.iovc.syntax.Ucl;
import io.iovc.testing.Card;
import java.util.List;
import org.junit.jupiter.api.Test;

class VfValuesTest {
  /** A driver with two VF parameters, one with a default. */
  private static final Schema CARD =
      Schema.fromPlugin(
          new Card(
              ParamSpec.of("queues", ParamType.UINT16).defaultValue(4L).build(),
              ParamSpec.of("mac-addr", ParamType.UNICAST_MAC).build()));

  @Test
  void ownThenDefaultThenSchemaDefaults() {
    Schema schema = CARD;
    String text =
        "PF { device = \"card0\"; num_vfs = 3; }\nDEFAULT { queues = 8; }\nVF-1 { passthrough = true; }\nVF-2 { queues = 2; }\n";
    CheckResult r = Checker.check(Ucl.parse(SourceText.of("t", text)), schema);
    assertNotNull(r.config(), r.diagnostics().toString());
    assertEquals(
        List.of(
            new VfValues.Value("queues", "8", VfValues.Origin.DEFAULT),
            new VfValues.Value("passthrough", "false", VfValues.Origin.SCHEMA)),
        VfValues.of(r.config(), schema, 0));
    assertEquals(
        List.of(
            new VfValues.Value("passthrough", "true", VfValues.Origin.VF),
            new VfValues.Value("queues", "8", VfValues.Origin.DEFAULT)),
        VfValues.of(r.config(), schema, 1));
    assertEquals(
        List.of(
            new VfValues.Value("queues", "2", VfValues.Origin.VF),
            new VfValues.Value("passthrough", "false", VfValues.Origin.SCHEMA)),
        VfValues.of(r.config(), schema, 2));
  }
}
