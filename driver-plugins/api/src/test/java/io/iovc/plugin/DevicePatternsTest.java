package io.iovc.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DevicePatternsTest {
  @Test
  void simplePatternsGiveExamples() {
    assertEquals(List.of("ixl0"), DevicePatterns.examples(List.of("ixl[0-9]+")));
    assertEquals(
        List.of("cxgbe0", "cxl0", "cc0"), DevicePatterns.examples(List.of("(cxgbe|cxl|cc)[0-9]+")));
    assertEquals(List.of("mlx5_core0"), DevicePatterns.examples(List.of("mlx5_core\\d+")));
    assertEquals(List.of("t5iov0"), DevicePatterns.examples(List.of("t(?:5)iov[0-9]+")));
  }

  @Test
  void otherPatternsGiveNone() {
    assertEquals(List.of(), DevicePatterns.examples(List.of("[a-z]+[0-9]+", "ix.*", "(a|(b|c))0")));
  }
}
