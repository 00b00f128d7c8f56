package io.iovc.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.iovc.plugin.ParamSpec;
import io.iovc.plugin.ParamType;
import io.iovc.schema.Schema;
import io.iovc.source.SourceText;
import io.iovc.syntax.Ucl;
import io.iovc.testing.Card;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one resolver of "what does VF-n end up with". */
class EffectiveValuesTest {
  private static final Schema SCHEMA =
      Schema.fromPlugin(
          new Card(
              ParamSpec.of("queues", ParamType.UINT16).defaultValue(4L).build(),
              ParamSpec.of("mac-addr", ParamType.UNICAST_MAC).build(),
              ParamSpec.of("trust", ParamType.BOOL).defaultValue(false).build()));

  private static EffectiveValues resolve(String text) {
    CheckResult r = Checker.check(Ucl.parse(SourceText.of("t.conf", text)), SCHEMA);
    assertNotNull(r.config(), r.diagnostics().toString());
    return EffectiveValues.of(r.config());
  }

  private static List<String> names(List<ConfigParam> ps) {
    List<String> out = new ArrayList<>();
    for (ConfigParam p : ps) out.add(p.name() + "=" + p.value().display());
    return out;
  }

  private static final String TEXT =
      "PF { device = \"card0\"; num_vfs = 3; }\n"
          + "DEFAULT { trust = true; QUEUES = 8; passthrough = false; }\n"
          + "vf-1 { queues = 2; mac-addr = \"02:00:00:00:00:01\"; }\n"
          + "VF-2 { passthrough = true; }\n";

  @Test
  void sentIsOwnInFileOrderThenTheDefaultsItLacksCaseInsensitively() {
    EffectiveValues v = resolve(TEXT);
    assertEquals(List.of("trust=true", "QUEUES=8"), names(v.sent(0, Schema.Subsystem.DRIVER)));
    assertEquals(
        List.of("queues=2", "mac-addr=02:00:00:00:00:01", "trust=true"),
        names(v.sent(1, Schema.Subsystem.DRIVER)));
    assertEquals(List.of("passthrough=false"), names(v.sent(1, Schema.Subsystem.IOV)));
    assertEquals(List.of("passthrough=true"), names(v.sent(2, Schema.Subsystem.IOV)));
  }

  @Test
  void oneParameterComesFromTheVfThenDefaultThenTheSchema() {
    EffectiveValues v = resolve(TEXT);
    Schema.Param queues = SCHEMA.lookup(Schema.Device.VF, Schema.Subsystem.DRIVER, "queues");
    Schema.Param mac = SCHEMA.lookup(Schema.Device.VF, Schema.Subsystem.DRIVER, "mac-addr");
    EffectiveValues.Value own = v.of(1, "Queues", queues);
    assertEquals(EffectiveValues.Origin.VF, own.origin());
    assertEquals("queues", own.name());
    assertEquals(new TypedValue.Num(2), own.value());
    EffectiveValues.Value inherited = v.of(0, "queues", queues);
    assertEquals(EffectiveValues.Origin.DEFAULT, inherited.origin());
    assertEquals("QUEUES", inherited.name());
    assertNull(v.of(0, "mac-addr", mac), "no value and no schema default");

    EffectiveValues bare = resolve("PF { device = \"card0\"; num_vfs = 1; }\n");
    EffectiveValues.Value dflt = bare.of(0, "queues", queues);
    assertEquals(EffectiveValues.Origin.SCHEMA, dflt.origin());
    assertEquals(new TypedValue.Num(4), dflt.value());
    assertNull(dflt.written());
  }

  private static List<String> all(EffectiveValues v, int vf) {
    List<String> out = new ArrayList<>();
    for (EffectiveValues.Value x : v.all(vf, SCHEMA))
      out.add(x.origin() + " " + x.subsystem() + " " + x.name());
    return out;
  }

  @Test
  void allListsWrittenValuesThenSchemaDefaultsOfWhatNobodySet() {
    EffectiveValues v = resolve(TEXT);
    assertEquals(
        List.of("VF IOV passthrough", "DEFAULT DRIVER trust", "DEFAULT DRIVER QUEUES"), all(v, 2));
    assertEquals(
        List.of(
            "VF DRIVER queues",
            "VF DRIVER mac-addr",
            "DEFAULT IOV passthrough",
            "DEFAULT DRIVER trust"),
        all(v, 1));
    // mac-addr has no default: nothing to list for it
    assertEquals(
        List.of("SCHEMA IOV passthrough", "SCHEMA DRIVER queues", "SCHEMA DRIVER trust"),
        all(resolve("PF { device = \"card0\"; num_vfs = 1; }\n"), 0));
  }
}
