package dev.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlugsTest {
  @ParameterizedTest
  @CsvSource({
      "Support Bot,support-bot",
      "  --Hello__World--  ,hello-world",
      "Über Agent 2.0!,ber-agent-2-0",
      "a,a",
      "ALLCAPS,allcaps",
      "x1 y2 z3,x1-y2-z3"
  })
  void derivesSlugsFromNames(String name, String slug) {
    assertThat(Slugs.derive(name, "name")).isEqualTo(slug);
    assertThat(Slugs.isValid(slug)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"!!!", "   ", "日本語", "---"})
  void namesWithoutLettersOrDigitsAreRejected(String name) {
    assertThatThrownBy(() -> Slugs.derive(name, "metadata.name"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("metadata.name");
  }

  @ParameterizedTest
  @ValueSource(ints = {63, 64, 200})
  void derivedSlugsAreCutTo63AndNeverEndWithAHyphen(int length) {
    String name = ("ab-").repeat(length);
    String slug = Slugs.derive(name, "name");
    assertThat(slug.length()).isLessThanOrEqualTo(63);
    assertThat(Slugs.isValid(slug)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-a", "a-", "A", "a_b", "a.b", "a b"})
  void invalidSlugsAreRejected(String slug) {
    assertThat(Slugs.isValid(slug)).isFalse();
  }
}
