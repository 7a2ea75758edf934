package dev.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.CustomResource;
import dev.agentstore.FieldRule;
import dev.agentstore.FieldType;
import dev.agentstore.KindDefinition;
import dev.agentstore.Metadata;
import java.util.UUID;

/**
 * Declared kinds for the CLI tests: a credential with a SECRET field, and two kinds named
 * Trigger in different groups (so the bare name is ambiguous); one resource of each.
 */
record DeclaredSeed(String credential, String trigger, String secret) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final KindDefinition CREDENTIAL = KindDefinition.builder("vault.dev", "Credential")
      .idPrefix("cred").field("spec.name", FieldType.STRING, FieldRule.required())
      .field("spec.token", FieldType.SECRET).build();
  static final KindDefinition TRIGGER = KindDefinition.builder("swarm.dev", "Trigger")
      .idPrefix("trg").field("spec.type", FieldType.STRING).build();
  static final KindDefinition OPS_TRIGGER = KindDefinition.builder("ops.dev", "Trigger")
      .idPrefix("otrg").field("spec.type", FieldType.STRING).build();

  /** Declares the kinds in {@code store} (opened with them) and creates one of each. */
  static DeclaredSeed into(AgentStore store, String org) {
    String secret = "cred-secret-" + UUID.randomUUID();
    ObjectNode cred = JsonNodeFactory.instance.objectNode().put("name", "github")
        .put("token", secret);
    String c = store.resources(CREDENTIAL).create(CustomResource.of(CREDENTIAL,
        Metadata.of(org, "github"), cred)).id();
    CustomResource<ObjectNode, ObjectNode> t = store.resources(TRIGGER).create(CustomResource.of(
        TRIGGER, Metadata.of(org, "nightly"), JsonNodeFactory.instance.objectNode()
            .put("type", "schedule")));
    store.resources(TRIGGER).update(t.withSpec(t.spec().deepCopy().put("type", "webhook")));
    return new DeclaredSeed(c, t.id(), secret);
  }

  /** The commands a CLI user runs on declared kinds, the same on every backend. */
  void check(Cli cli) throws Exception {
    Cli.Result ls = cli.run("ls", "swarm.dev/Trigger");
    assertThat(ls.code()).as(ls.toString()).isZero();
    assertThat(ls.out().lines().findFirst().orElseThrow()).startsWith("ID")
        .contains("NAME", "ORG", "VERSION", "UPDATED");
    assertThat(ls.out()).contains(trigger, "nightly");

    Cli.Result byName = cli.run("ls", "credentials", "-o", "json");
    assertThat(byName.code()).as(byName.toString()).isZero();
    JsonNode c = JSON.readTree(byName.out()).get(0);
    assertThat(c.path("apiVersion").asText()).isEqualTo("vault.dev/v1");
    assertThat(c.path("kind").asText()).isEqualTo("Credential");
    assertThat(c.at("/spec/token").asText()).isEqualTo(Output.MASK);
    assertThat(c.at("/spec/name").asText()).isEqualTo("github");
    assertThat(byName.out()).doesNotContain(secret);

    Cli.Result ambiguous = cli.run("ls", "Trigger");
    assertThat(ambiguous.code()).isEqualTo(AgentStoreCli.USAGE);
    assertThat(ambiguous.err()).contains("ambiguous", "swarm.dev/Trigger", "ops.dev/Trigger");
    Cli.Result unknown = cli.run("ls", "widgets");
    assertThat(unknown.code()).isEqualTo(AgentStoreCli.USAGE);
    assertThat(unknown.err()).contains("unknown kind 'widgets'", "AgentExecution",
        "vault.dev/Credential");

    Cli.Result get = cli.run("get", credential);
    assertThat(get.code()).as(get.toString()).isZero();
    assertThat(get.out()).contains("id: " + credential, "kind: Credential", "'***'")
        .doesNotContain(secret);
    Cli.Result revealed = cli.run("get", credential, "-o", "json", "--reveal", "--yes-i-know");
    assertThat(JSON.readTree(revealed.out()).at("/spec/token").asText()).isEqualTo(secret);
    Cli.Result table = cli.run("get", trigger, "-o", "table");
    assertThat(table.out().lines().filter(l -> l.startsWith(trigger)).findFirst().orElseThrow())
        .contains("nightly").containsPattern(" 2 ");

    Cli.Result history = cli.run("history", trigger);
    assertThat(history.code()).as(history.toString()).isZero();
    assertThat(history.out()).contains("CREATED", "UPDATED");
    Cli.Result snapshots = cli.run("history", credential, "-o", "json");
    assertThat(snapshots.code()).as(snapshots.toString()).isZero();
    JsonNode first = JSON.readTree(snapshots.out()).get(0);
    assertThat(first.at("/snapshot/spec/token").asText()).isEqualTo(Output.MASK);
    assertThat(snapshots.out()).doesNotContain(secret).doesNotContain("agentstore:sealed");

    Cli.Result malformed = cli.run("get", "cred-not-an-id");
    assertThat(malformed.code()).isEqualTo(AgentStoreCli.USAGE);
  }
}
