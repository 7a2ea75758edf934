package dev.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void idsAreWellFormedAndStrictlyIncreasingWithinAMillisecond() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      ids.add(Ids.next(Kind.AGENT));
    }
    for (int i = 1; i < ids.size(); i++) {
      assertThat(ids.get(i)).isGreaterThan(ids.get(i - 1));
    }
    assertThat(ids).allMatch(id -> Ids.isValid(id, Kind.AGENT))
        .allMatch(id -> id.matches("agt-[0-9a-hjkmnp-tv-z]{26}"));
  }

  @Test
  void everyKindHasItsOwnPrefixAndIsRecognisedFromAnId() {
    for (Kind k : Kind.values()) {
      String id = Ids.next(k);
      assertThat(Kind.fromId(id)).contains(k);
      assertThat(Ids.requireAnyKind(id, "id")).isEqualTo(k);
    }
    assertThat(Kind.values()).extracting(Kind::prefix).doesNotHaveDuplicates();
  }

  @Test
  void wrongKindAndMalformedIdsAreRejectedNamingTheField() {
    String agent = Ids.next(Kind.AGENT);
    assertThatThrownBy(() -> Ids.require(agent, Kind.SESSION, "spec.sessionId"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.sessionId")
        .hasMessageContaining("Session");
    assertThatThrownBy(() -> Ids.requireAnyKind("zzz-01hx0000000000000000000000", "ref"))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> Ids.require("agt-\u0000", Kind.AGENT, "id"))
        .hasMessageNotContaining("\u0000");
  }

  @Test
  void referenceFieldsKnowTheirTargetKinds() {
    assertThat(RefField.SESSION_ID.target()).isEqualTo(Kind.SESSION);
    assertThat(RefField.WORKFLOW_INSTANCE_ID.target()).isEqualTo(Kind.WORKFLOW_INSTANCE);
    assertThat(RefField.EXECUTION_ID.target()).isNull();
    assertThat(Kind.AGENT_EXECUTION.refFields())
        .containsExactly(RefField.SESSION_ID, RefField.AGENT_ID);
  }
}
