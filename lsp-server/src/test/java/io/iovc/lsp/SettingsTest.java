package io.iovc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void bareAndWrappedSections() {
    Settings s = new Settings();
    assertTrue(s.update(JsonParser.parseString("{\"driver\":\"ixl\",\"debounceMs\":50}")));
    assertEquals("ixl", s.driver);
    assertEquals(50, s.debounceMs);
    assertTrue(
        s.update(
            JsonParser.parseString(
                "{\"iovc\":{\"driver\":\"\",\"maxFileSize\":1000,\"liveSchema\":false}}")));
    assertNull(s.driver);
    assertEquals(1000, s.maxFileSize);
    assertFalse(s.liveSchema);
  }

  @Test
  void wrongTypesAreIgnored() {
    Settings s = new Settings();
    long max = s.maxFileSize;
    assertFalse(
        s.update(
            JsonParser.parseString(
                "{\"debounceMs\":\"soon\",\"maxFileSize\":-5,\"liveSchema\":1}")));
    assertEquals(200, s.debounceMs);
    assertEquals(max, s.maxFileSize);
    assertFalse(s.update(null));
    assertFalse(s.update(JsonParser.parseString("[1,2]")));
  }

  @Test
  void defaultFileSizeFollowsTheHeap() {
    assertEquals(64L * 1024 * 1024 / 160, Settings.defaultMaxFileSize(64L << 20));
    assertEquals(4L << 20, Settings.defaultMaxFileSize(8L << 30));
    assertEquals(128L << 10, Settings.defaultMaxFileSize(4L << 20));
  }
}
