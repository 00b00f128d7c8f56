package io.iovc.kernel.freebsd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The request codes and struct layouts, derived from _IOC and C layout rules, against spec
 * §5.2–5.3.
 */
class IovAbiTest {
  @Test
  void lp64RequestCodes() {
    assertEquals(0x8010700aL, IovAbi.LP64.iovConfig());
    assertEquals(0x2000700bL, IovAbi.LP64.iovDelete());
    assertEquals(0xc018700cL, IovAbi.LP64.iovGetSchema());
  }

  @Test
  void ilp32RequestCodes() {
    assertEquals(0x8008700aL, IovAbi.ILP32.iovConfig());
    assertEquals(0x2000700bL, IovAbi.ILP32.iovDelete());
    assertEquals(0xc00c700cL, IovAbi.ILP32.iovGetSchema());
  }

  @Test
  void iocIsFreeBsdsFormula() {
    assertEquals(0x80000000L | (16L << 16) | ('p' << 8) | 10, IovAbi.iow('p', 10, 16));
    assertEquals(0x20000000L | ('p' << 8) | 11, IovAbi.io('p', 11));
    assertEquals(0xc0000000L | (24L << 16) | ('p' << 8) | 12, IovAbi.iowr('p', 12, 24));
    // the length field is 13 bits wide
    assertEquals(IovAbi.iow('p', 10, 0), IovAbi.iow('p', 10, 0x2000));
  }

  @Test
  void structSizesAndOffsets() {
    assertEquals(16, IovAbi.LP64.argSize());
    assertEquals(8, IovAbi.LP64.argLenOffset());
    assertEquals(24, IovAbi.LP64.schemaSize(), "4 bytes of trailing padding");
    assertEquals(8, IovAbi.LP64.schemaLenOffset());
    assertEquals(16, IovAbi.LP64.schemaErrorOffset());
    assertEquals(8, IovAbi.ILP32.argSize());
    assertEquals(4, IovAbi.ILP32.argLenOffset());
    assertEquals(12, IovAbi.ILP32.schemaSize());
    assertEquals(4, IovAbi.ILP32.schemaLenOffset());
    assertEquals(8, IovAbi.ILP32.schemaErrorOffset());
  }

  @Test
  void encodedStructs() {
    HexFormat h = HexFormat.of();
    assertEquals(
        "efbeadde00000000" + "af02000000000000",
        h.formatHex(IovAbi.LP64.encodeArg(0xdeadbeefL, 687, ByteOrder.LITTLE_ENDIAN)));
    assertEquals(
        "00000000deadbeef" + "00000000000002af",
        h.formatHex(IovAbi.LP64.encodeArg(0xdeadbeefL, 687, ByteOrder.BIG_ENDIAN)));
    assertEquals(
        "efbeadde" + "af020000",
        h.formatHex(IovAbi.ILP32.encodeArg(0xdeadbeefL, 687, ByteOrder.LITTLE_ENDIAN)));
    assertEquals(
        "1000000000000000" + "7b05000000000000" + "28000000" + "00000000",
        h.formatHex(IovAbi.LP64.encodeSchema(0x10, 1403, 40, ByteOrder.LITTLE_ENDIAN)));
    assertEquals(
        "10000000" + "7b050000" + "28000000",
        h.formatHex(IovAbi.ILP32.encodeSchema(0x10, 1403, 40, ByteOrder.LITTLE_ENDIAN)));
  }

  @Test
  void schemaRepliesDecode() {
    for (IovAbi abi : new IovAbi[] {IovAbi.LP64, IovAbi.ILP32}) {
      for (ByteOrder o : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
        byte[] b = abi.encodeSchema(0x1234, 1403, 40, o);
        assertEquals(new IovAbi.SchemaReply(0x1234, 1403, 40), abi.decodeSchema(b, o));
      }
    }
  }

  @Test
  void ilp32RefusesValuesThatDoNotFit() {
    assertThrows(
        IllegalArgumentException.class,
        () -> IovAbi.ILP32.encodeArg(1L << 32, 1, ByteOrder.LITTLE_ENDIAN));
    assertArrayEquals(
        new byte[] {-1, -1, -1, -1, 1, 0, 0, 0},
        IovAbi.ILP32.encodeArg(0xffffffffL, 1, ByteOrder.LITTLE_ENDIAN));
  }

  @Test
  void abiByPointerSizeAndNames() {
    assertEquals(IovAbi.LP64, IovAbi.forAddressSize(8));
    assertEquals(IovAbi.ILP32, IovAbi.forAddressSize(4));
    assertThrows(IllegalArgumentException.class, () -> IovAbi.forAddressSize(2));
    assertEquals("IOV_CONFIG", IovAbi.LP64.requestName(0x8010700aL));
    assertEquals("IOV_GET_SCHEMA", IovAbi.ILP32.requestName(0xc00c700cL));
    assertEquals("0x8010700a", IovAbi.ILP32.requestName(0x8010700aL));
  }
}
