package dev.agentstore.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.InvalidArgumentException;
import dev.agentstore.spi.ArtifactPageTokens;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key rules, ordering and page tokens shared by every artifact store. */
class ArtifactKeysTest {
  @Test
  void errorsNameTheProblem() {
    assertThatThrownBy(() -> ArtifactKeys.requireValidKey("a/../b")).hasMessageContaining("'..' segment");
    assertThatThrownBy(() -> ArtifactKeys.requireValidKey("a/b\u0007")).hasMessageContaining("U+0007").hasMessageContaining("\\u0007");
    assertThatThrownBy(() -> ArtifactKeys.requireValidKey("/a/b")).hasMessageContaining("relative");
    assertThatThrownBy(() -> ArtifactKeys.requireValidFolder("a")).hasMessageContaining("must end with '/'");
  }

  @Test
  void orderIsUtf8BytesNotUtf16() {
    List<String> keys = new ArrayList<>(List.of("a/\uD83D\uDE00", "a/\uFF21", "a/b/c", "a/b-c"));
    keys.sort(ArtifactKeys.ORDER);
    assertThat(keys).containsExactly("a/b-c", "a/b/c", "a/\uFF21", "a/\uD83D\uDE00");
  }

  @Test
  void prefixesThatNoKeyCanHaveAreRecognised() {
    assertThat(ArtifactKeys.canPrefixAKey("")).isTrue();
    assertThat(ArtifactKeys.canPrefixAKey("wex-1/rep")).isTrue();
    assertThat(ArtifactKeys.canPrefixAKey("../")).isFalse();
    assertThat(ArtifactKeys.canPrefixAKey("a//")).isFalse();
    assertThat(ArtifactKeys.canPrefixAKey("a/.agentstore-tmp")).isFalse();
  }

  @Test
  void pageTokensRoundTripAndAreBoundToTheirPrefix() {
    ArtifactPageTokens tokens = new ArtifactPageTokens();
    String token = tokens.encode("wex-1/", "wex-1/b");
    assertThat(tokens.decode("wex-1/", token)).contains("wex-1/b");
    assertThat(tokens.decode("wex-1/", null)).isEmpty();
    assertThatThrownBy(() -> tokens.decode("wex-2/", token)).isInstanceOf(InvalidArgumentException.class);
    String forged = tokens.encode("wex-1/", "other/key");
    assertThatThrownBy(() -> tokens.decode("wex-1/", forged)).isInstanceOf(InvalidArgumentException.class);
  }
}
