package io.iovc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.InputFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Ansible collection's unit tests (packaging/ansible/tests/unit) run the modules against a fake
 * iovc that prints recorded JSON. Those recordings must be what the real iovc prints: every
 * recording of plan, diff, compile --apply, delete and status is validated here against the schemas
 * iovc publishes (io/iovc/ops/*.schema.json), so a change of the contract that the fake did not
 * follow (or a recording that never matched it) fails the build. The "future" scenario records a
 * version 2 on purpose (the modules must refuse it): it must NOT validate.
 */
class AnsibleFixturesContractTest {
  static final Path FIXTURES = Path.of("..", "packaging", "ansible", "tests", "unit", "fixtures");

  /** The recording's file name (the fake's command) to the schema its stdout follows. */
  static final Map<String, String> SCHEMAS =
      Map.of(
          "plan.json", "plan.schema.json",
          "diff.json", "diff.schema.json",
          "apply.json", "result.schema.json",
          "delete.json", "result.schema.json",
          "status.json", "status.schema.json");

  record Recording(Path path, JsonObject stdout) {
    String command() {
      return path.getFileName().toString().replace(".json", "");
    }
  }

  static List<Recording> recordings() throws IOException {
    assertTrue(Files.isDirectory(FIXTURES), FIXTURES.toAbsolutePath() + " is missing");
    List<Recording> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(FIXTURES)) {
      for (Path p : s.sorted().toList()) {
        if (!SCHEMAS.containsKey(p.getFileName().toString())) continue;
        if (p.getParent().getFileName().toString().equals("check")) continue;
        JsonObject rec =
            JsonParser.parseString(Files.readString(p, StandardCharsets.UTF_8)).getAsJsonObject();
        JsonElement stdout = rec.get("stdout");
        assertTrue(stdout != null && stdout.isJsonObject(), p + ": no stdout object");
        out.add(new Recording(p, stdout.getAsJsonObject()));
      }
    }
    return out;
  }

  static List<String> problems(Recording r) throws IOException {
    String json = new GsonBuilder().serializeNulls().create().toJson(r.stdout());
    return OpsCommandTest.schema(SCHEMAS.get(r.path().getFileName().toString()))
        .validate(json, InputFormat.JSON)
        .stream()
        .map(Object::toString)
        .toList();
  }

  static boolean future(Recording r) {
    return r.path().toString().contains("future");
  }

  @Test
  void everyRecordingOfTheFakeIovcFollowsThePublishedSchemas() throws IOException {
    List<Recording> all = recordings();
    long checked = 0;
    for (Recording r : all) {
      if (future(r)) continue;
      assertEquals(List.of(), problems(r), r.path() + " does not follow the published schema");
      if (r.command().equals("apply") || r.command().equals("delete"))
        assertEquals(
            r.command(),
            r.stdout().get("command").getAsString(),
            r.path() + ": the fake prints another command's result");
      checked++;
    }
    // nsim: initial and applied, five commands each; failing: apply
    assertTrue(checked >= 11, "only " + checked + " recordings were validated");
    for (String c : SCHEMAS.keySet())
      assertTrue(
          all.stream().anyMatch(r -> !future(r) && r.path().endsWith(c)), "no recording of " + c);
  }

  @Test
  void theFutureVersionRecordingsAreRejectedBySchemaVersion1() throws IOException {
    List<Recording> future =
        recordings().stream().filter(AnsibleFixturesContractTest::future).toList();
    assertFalse(future.isEmpty(), "the future scenario is gone");
    for (Recording r : future) {
      List<String> p = problems(r);
      assertTrue(
          p.stream().anyMatch(m -> m.contains("version")),
          r.path() + " should fail on its version: " + p);
    }
  }
}
