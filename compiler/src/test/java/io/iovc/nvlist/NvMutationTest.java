package io.iovc.nvlist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Flips, overwrites, truncates and extends valid buffers many thousand times (seeded, about two
 * seconds) and checks that only NvFormatException or success comes out of the unpacker, and that
 * whatever it accepts packs back into a buffer that unpacks to the same tree.
 */
class NvMutationTest {

  private static final int MAX_ITERATIONS = 60_000;
  private static final long[] INTERESTING = {
    0, 1, 2, 7, 8, 19, 20, 0xff, 0x100, 0x7fffffffL, 0xffffffffL, Long.MAX_VALUE, -1, Long.MIN_VALUE
  };

  @Test
  void mutatedBuffersNeverEscapeWithAnythingButNvFormatException() {
    List<byte[]> seeds = seeds();
    Random r = new Random(0x1ee7c0deL);
    int iterations = 0;
    int accepted = 0;
    while (iterations < MAX_ITERATIONS) {
      byte[] seed = seeds.get(r.nextInt(seeds.size()));
      byte[] b = mutate(r, seed);
      int flags = r.nextInt(8) == 0 ? r.nextInt(4) : (seed[2] & 3);
      iterations++;
      NvList tree;
      try {
        tree = NvUnpacker.unpack(b, flags);
      } catch (NvFormatException e) {
        assertFalse(e.getMessage().startsWith("internal error"), e.getMessage());
        assertTrue(e.offset() >= 0 && e.offset() <= b.length, e.getMessage());
        continue;
      } catch (Throwable t) {
        fail("unpacking " + hex(b) + " threw " + t, t);
        return;
      }
      accepted++;
      checkStable(tree, flags, b);
    }
    assertTrue(iterations >= 5000, "only " + iterations + " iterations");
    assertTrue(accepted > 0, "no mutated buffer was accepted");
  }

  /** What the unpacker accepts must pack, unpack to the same tree and dump. */
  private static void checkStable(NvList tree, int flags, byte[] original) {
    try {
      byte[] again = NvPacker.pack(tree);
      NvList back = NvUnpacker.unpack(again, flags);
      assertEquals(tree, back);
      assertArrayEquals(again, NvPacker.pack(back));
      NvDump.fdump(tree);
    } catch (Throwable t) {
      fail("accepted buffer " + hex(original) + " is not stable: " + t, t);
    }
  }

  private static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(Examples.parseHexDump(Examples.EXAMPLE_79_HEX));
    seeds.add(NvPacker.pack(Examples.manPage43()));
    seeds.add(NvPacker.pack(Examples.ixlSchema()));
    seeds.add(NvPacker.pack(Examples.example79(), ByteOrder.BIG_ENDIAN));
    Random r = new Random(99);
    for (int i = 0; i < 12; i++) {
      NvList t = RandomTrees.tree(r, true, 3);
      seeds.add(NvPacker.pack(t));
      if (i % 3 == 0) {
        seeds.add(NvPacker.pack(RandomTrees.tree(r, false, 3), ByteOrder.BIG_ENDIAN));
      }
    }
    return seeds;
  }

  private static byte[] mutate(Random r, byte[] seed) {
    byte[] b = seed.clone();
    int n = 1 + r.nextInt(4);
    for (int k = 0; k < n; k++) {
      if (b.length == 0) {
        b = new byte[] {(byte) r.nextInt(256)};
      }
      switch (r.nextInt(7)) {
        case 0 -> {
          int i = r.nextInt(b.length);
          b[i] ^= (byte) (1 << r.nextInt(8));
        }
        case 1 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        case 2 -> b = Arrays.copyOf(b, r.nextInt(b.length + 1));
        case 3 -> {
          byte[] extra = new byte[1 + r.nextInt(24)];
          r.nextBytes(extra);
          byte[] c = Arrays.copyOf(b, b.length + extra.length);
          System.arraycopy(extra, 0, c, b.length, extra.length);
          b = c;
        }
        case 4 -> {
          // An interesting value in a random 8-byte field, in either byte order.
          if (b.length >= 8) {
            int at = r.nextInt(b.length - 7);
            long v = INTERESTING[r.nextInt(INTERESTING.length)];
            if (r.nextBoolean()) {
              v = b.length - at - r.nextInt(40);
            }
            boolean be = r.nextBoolean();
            for (int i = 0; i < 8; i++) {
              b[at + i] = (byte) (v >>> (be ? 56 - 8 * i : 8 * i));
            }
          }
        }
        case 5 -> {
          // Delete a slice.
          int from = r.nextInt(b.length);
          int len = Math.min(b.length - from, 1 + r.nextInt(40));
          byte[] c = new byte[b.length - len];
          System.arraycopy(b, 0, c, 0, from);
          System.arraycopy(b, from + len, c, from, b.length - from - len);
          b = c;
        }
        default -> {
          // Duplicate a slice in place.
          int from = r.nextInt(b.length);
          int len = Math.min(b.length - from, 1 + r.nextInt(60));
          byte[] c = new byte[b.length + len];
          System.arraycopy(b, 0, c, 0, from + len);
          System.arraycopy(b, from, c, from + len, b.length - from);
          b = c;
        }
      }
    }
    return b;
  }

  private static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(b.length, 4096); i++) {
      sb.append(String.format("%02x", b[i] & 0xff));
    }
    return sb.toString();
  }
}
