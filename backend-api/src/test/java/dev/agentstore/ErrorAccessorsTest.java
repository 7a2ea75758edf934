package dev.agentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ErrorAccessorsTest {
  private static final String AGENT_ID = "agt-01hx0000000000000000000000";

  @Test
  void invalidArgumentNamesTheFieldGivenOrTheOneItsMessageStartsWith() {
    InvalidArgumentException explicit = new InvalidArgumentException("metadata.slug", "too long");
    assertThat(explicit).hasMessage("metadata.slug: too long");
    assertThat(explicit.field()).contains("metadata.slug");
    assertThat(new InvalidArgumentException("status.messages[3]: must be an object").field())
        .contains("status.messages[3]");
    assertThat(new InvalidArgumentException("pageSize: must be positive", (Throwable) null).field())
        .contains("pageSize");
    assertThat(new InvalidArgumentException("ApiKey keys are made by issue()").field()).isEmpty();
    assertThat(new InvalidArgumentException("not a path: x").field()).isEmpty();
    assertThat(explicit.isRetryable()).isFalse();
    assertThat(explicit.resourceId()).isEmpty();
    assertThat(explicit.kind()).isEmpty();
  }

  @Test
  void conflictCarriesTheResourceAndItsKindAndIsRetryable() {
    ConflictException e = new ConflictException(AGENT_ID, 1, 2);
    assertThat(e.resourceId()).contains(AGENT_ID);
    assertThat(e.kind()).contains(Kind.AGENT);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.field()).isEmpty();
  }

  @Test
  void notFoundAndAlreadyExistsCarryKindAndId() {
    NotFoundException nf = new NotFoundException(Kind.AGENT, AGENT_ID, "Agent not found");
    assertThat(nf.resourceId()).contains(AGENT_ID);
    assertThat(nf.kind()).contains(Kind.AGENT);
    assertThat(nf.isRetryable()).isFalse();
    assertThat(new NotFoundException("no artifact \"x\"").resourceId()).isEmpty();
    AlreadyExistsException ae = new AlreadyExistsException(Kind.SKILL, null, "dup", null);
    assertThat(ae.kind()).contains(Kind.SKILL);
    assertThat(ae.resourceId()).isEmpty();
  }

  @Test
  void onlyUnavailableAndConflictAreRetryable() {
    assertThat(new UnavailableException("down").isRetryable()).isTrue();
    assertThat(new FailedPreconditionException("terminal").isRetryable()).isFalse();
    assertThat(new PermissionDeniedException("revoked").isRetryable()).isFalse();
    assertThat(new AgentStoreException("closed").isRetryable()).isFalse();
  }

  @Test
  void centralValidationNamesItsField() {
    assertThatThrownBy(() -> Ids.require("agt-x", Kind.AGENT, "spec.agentId"))
        .isInstanceOfSatisfying(InvalidArgumentException.class,
            e -> assertThat(e.field()).contains("spec.agentId"));
    assertThatThrownBy(() -> Slugs.require("Bad Slug", "metadata.slug"))
        .isInstanceOfSatisfying(InvalidArgumentException.class,
            e -> assertThat(e.field()).contains("metadata.slug"));
    assertThatThrownBy(() -> LabelSelector.parse("a in ("))
        .isInstanceOfSatisfying(InvalidArgumentException.class,
            e -> assertThat(e.field()).contains("labelSelector"));
    assertThatThrownBy(() -> Query.builder().pageSize(0).build())
        .isInstanceOfSatisfying(InvalidArgumentException.class,
            e -> assertThat(e.field()).contains("pageSize"));
  }
}
