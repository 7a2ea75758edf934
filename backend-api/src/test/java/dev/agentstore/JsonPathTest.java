package dev.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPathTest {
  @Test
  void parsesPlainAndQuotedSegments() {
    JsonPath p = JsonPath.parse("spec.data.\"my.key/x\".description");
    assertThat(p.root()).isEqualTo("spec");
    assertThat(p.segments()).isEqualTo(List.of("data", "my.key/x", "description"));
    assertThat(JsonPath.parse(p.canonical())).isEqualTo(p);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "spec", "metadata.name", "spec.", "spec..a", "spec.a-b",
      "spec.\"unterminated", "spec.\"a\"b", "status.\"\""})
  void rejectsMalformedPaths(String text) {
    assertThatThrownBy(() -> JsonPath.parse(text)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("jsonPath");
  }
}
