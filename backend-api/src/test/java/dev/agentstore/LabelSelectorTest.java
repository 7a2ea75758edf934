package dev.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorTest {
  @Test
  void parsesEveryOperator() {
    LabelSelector s = LabelSelector.parse(
        " env = prod , tier!=free,team in ( a , b ),zone notin (x),!deprecated,owner,k==v");
    assertThat(s.requirements()).extracting(LabelSelector.Requirement::operator).containsExactly(
        LabelSelector.Operator.EQUALS, LabelSelector.Operator.NOT_EQUALS,
        LabelSelector.Operator.IN, LabelSelector.Operator.NOT_IN,
        LabelSelector.Operator.DOES_NOT_EXIST, LabelSelector.Operator.EXISTS,
        LabelSelector.Operator.EQUALS);
    assertThat(s.requirements().get(2).values()).isEqualTo(List.of("a", "b"));
    assertThat(s.canonical())
        .isEqualTo("env=prod,tier!=free,team in (a,b),zone notin (x),!deprecated,owner,k=v");
    assertThat(LabelSelector.parse(s.canonical())).isEqualTo(s);
    assertThat(LabelSelector.parse("").requirements()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {"env in (a;position", "=x;expected a label key",
      "a,,b;expected a label key", "k in ();expected a value"})
  void errorsSayWhere(String text, String message) {
    assertThatThrownBy(() -> LabelSelector.parse(text))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining(message);
  }
}
