package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.CustomResource;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.FieldRule;
import dev.agentstore.FieldType;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.KindDefinition;
import dev.agentstore.Metadata;
import dev.agentstore.Query;
import dev.agentstore.ResourceRepository;
import dev.agentstore.spi.StoredKindChange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Field evolution of a declared kind: adding a field (optional, required, with a default),
 * dropping one, and changing its type or rules is a logged definition change applied on open,
 * in one transaction; a change the stored resources break is refused naming up to five of them
 * and changes nothing.
 *
 * <p>Usage: {@code class LocalDeclaredFieldChangesTest extends DeclaredFieldChangesTck { ... newStoreBuilder() ... }}
 */
public abstract class DeclaredFieldChangesTck extends TckSupport {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Version 1 of the kind: a name and a state with three values. */
  static KindDefinition.Builder jobs() {
    return KindDefinition.builder("lab.dev", "Job").idPrefix("fcj")
        .field("spec.name", FieldType.STRING)
        .field("spec.state", FieldType.STRING, FieldRule.oneOf("new", "running", "done"));
  }

  private final KindDefinition v1 = jobs().build();

  private static ResourceRepository<CustomResource<ObjectNode, ObjectNode>> repo(AgentStore s,
      KindDefinition d) {
    return s.resources(d);
  }

  private AgentStore openWith(KindDefinition d) {
    return open(location.copy().kind(d));
  }

  private String create(AgentStore s, KindDefinition d, String org, ObjectNode spec) {
    return repo(s, d).create(CustomResource.of(d, Metadata.of(org, unique("job")), spec)).id();
  }

  private static ObjectNode spec() {
    return JSON.objectNode();
  }

  private List<StoredKindChange> log(AgentStore s) {
    return backendOf(s).read(tx -> tx.kindChanges()).stream()
        .filter(c -> c.name().equals(v1.kind().name())).toList();
  }

  private String storedSpec(AgentStore s, KindDefinition d, String id) {
    return backendOf(s).read(tx -> tx.find(d.kind(), id)).orElseThrow().specJson();
  }

  @Test
  void addingAnOptionalFieldHoldsTheValuesAlreadyStoredAtItsPath() {
    AgentStore s = openWith(v1);
    String org = newOrg(s).id();
    String text = create(s, v1, org, spec().put("name", "a").put("priority", "high"));
    String number = create(s, v1, org, spec().put("name", "b").put("priority", 3));
    String none = create(s, v1, org, spec().put("name", "c"));
    String before = storedSpec(s, v1, text);
    KindDefinition v2 = jobs().field("spec.priority", FieldType.INTEGER).index("spec.priority")
        .build();

    assertThatThrownBy(() -> openWith(v2)).isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining("spec.priority").hasMessageContaining("must be an integer")
        .hasMessageContaining(text).hasMessageNotContaining(number)
        .hasMessageNotContaining(none).hasMessageContaining("nothing was changed");
    // Nothing changed: still version 1, the row as it was, the field still undeclared.
    assertThat(log(s)).extracting(StoredKindChange::version).containsExactly(1L);
    assertThat(openWith(v1).kinds()).contains(v1);
    assertThat(storedSpec(s, v1, text)).isEqualTo(before);

    CustomResource<ObjectNode, ObjectNode> fix = repo(s, v1).get(text).orElseThrow();
    repo(s, v1).update(fix.withSpec(fix.spec().deepCopy().put("priority", 5)));
    AgentStore changed = openWith(v2);
    assertThat(changed.kinds()).contains(v2);
    assertThat(log(changed)).extracting(StoredKindChange::version).containsExactly(1L, 2L);
    Query urgent = Query.builder().where("spec.priority").greaterOrEqual(4).build();
    assertThat(repo(changed, v2).list(urgent).items()).extracting(CustomResource::id)
        .containsExactly(text);
    assertThat(repo(changed, v2).explain(urgent).fullyIndexed()).isTrue();
    assertThat(repo(changed, v2).list(Query.builder().orderBy("spec.priority", false).build())
        .items()).extracting(CustomResource::id).containsExactly(number, text, none);
    assertThatThrownBy(() -> repo(changed, v2).create(CustomResource.of(v2,
        Metadata.of(org, "bad"), spec().put("priority", "low"))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.priority");
  }

  /**
   * The first keyed field added to a kind keys every stored row, however many pages of the
   * change's scan (500 rows each) they fill: each row's only key moves from absent to its value.
   */
  @Test
  void addingTheFirstKeyedFieldKeysEveryStoredRowPastOnePage() {
    KindDefinition bare = KindDefinition.builder("lab.dev", "Sample").idPrefix("fcs").build();
    AgentStore s = openWith(bare);
    String org = newOrg(s).id();
    List<CustomResource<ObjectNode, ObjectNode>> rows = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      rows.add(CustomResource.of(bare, Metadata.of(org, unique("s")), spec().put("size", "L")));
    }
    repo(s, bare).createAll(rows);
    KindDefinition sized = KindDefinition.builder("lab.dev", "Sample").idPrefix("fcs")
        .field("spec.size", FieldType.STRING).build();

    AgentStore changed = openWith(sized);

    Query large = Query.builder().where("spec.size", "L").build();
    assertThat(repo(changed, sized).explain(large).fullyIndexed()).isTrue();
    assertThat(repo(changed, sized).count(large)).as("every row keyed, the 501st too")
        .isEqualTo(501);
  }

  @Test
  void aDefaultIsWrittenIntoTheStoredResourcesLackingItWithoutANewVersion() {
    AgentStore s = openWith(v1);
    String org = newOrg(s).id();
    String lacking = create(s, v1, org, spec().put("name", "a"));
    String holding = create(s, v1, org, spec().put("name", "b").put("tier", "gold"));
    String nulled = create(s, v1, org, spec().put("name", "c").putNull("tier"));
    KindDefinition v2 = jobs()
        .field("spec.tier", FieldType.STRING, FieldRule.oneOf("free", "gold"),
            FieldRule.defaultValue("free"))
        .field("status.attempts", FieldType.INTEGER, FieldRule.required(),
            FieldRule.defaultValue(0))
        .build();
    AgentStore changed = openWith(v2);

    CustomResource<ObjectNode, ObjectNode> a = repo(changed, v2).get(lacking).orElseThrow();
    assertThat(a.spec().get("tier").asText()).isEqualTo("free");
    assertThat(a.status().get("attempts").asInt()).isZero();
    assertThat(a.metadata().version()).isEqualTo(1);
    assertThat(changed.history().list(lacking)).hasSize(1);
    assertThat(repo(changed, v2).get(holding).orElseThrow().spec().get("tier").asText())
        .isEqualTo("gold");
    assertThat(repo(changed, v2).get(nulled).orElseThrow().spec().get("tier").asText())
        .isEqualTo("free");
    // The default is in the stored document, so every filter (indexed or on the JSON) sees it.
    assertThat(repo(changed, v2).count(Query.builder().where("spec.tier", "free").build()))
        .isEqualTo(2);
    assertThat(repo(changed, v2).count(Query.builder().where("status.attempts", 0).build()))
        .isEqualTo(3);
    assertThat(repo(changed, v2).count(Query.builder().where("spec.tier")
        .in("free", "none").build())).isEqualTo(2);

    // Writes that omit the field get the default; a required field with one may be omitted.
    CustomResource<ObjectNode, ObjectNode> fresh = repo(changed, v2).create(CustomResource.of(v2,
        Metadata.of(org, "fresh"), spec().put("name", "d")));
    assertThat(fresh.spec().get("tier").asText()).isEqualTo("free");
    assertThat(repo(changed, v2).get(fresh.id()).orElseThrow().status().get("attempts").asInt())
        .isZero();
    assertThat(changed.history().list(fresh.id()).get(0).snapshot().path("spec").get("tier")
        .asText()).isEqualTo("free");
  }

  @Test
  void aRequiredFieldNeedsADefaultOrAValueInEveryStoredResource() {
    AgentStore s = openWith(v1);
    String org = newOrg(s).id();
    String has = create(s, v1, org, spec().put("owner", "ann"));
    List<String> lacking = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      lacking.add(create(s, v1, org, spec().put("name", "n" + i)));
    }
    KindDefinition v2 = jobs().field("spec.owner", FieldType.STRING, FieldRule.required())
        .build();
    Throwable refused = catchThrowable(() -> openWith(v2));
    assertThat(refused).isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining("spec.owner").hasMessageContaining("required")
        .hasMessageContaining("7 stored resources").hasMessageNotContaining(has);
    // Up to five of the offending ids are named.
    assertThat(lacking.stream().filter(refused.getMessage()::contains)).hasSize(5);
    assertThat(log(s)).hasSize(1);

    for (String id : lacking) {
      repo(s, v1).delete(id);
    }
    AgentStore changed = openWith(v2);
    assertThat(log(changed)).hasSize(2);
    assertThatThrownBy(() -> repo(changed, v2).create(CustomResource.of(v2,
        Metadata.of(org, "nobody"), spec().put("name", "x"))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.owner");
  }

  @Test
  void droppingAFieldDropsItsKeysAndChecksAndKeepsItsValuesInTheJson() {
    KindDefinition owned = jobs().field("spec.owner", FieldType.STRING,
        FieldRule.oneOf("ann", "bob")).unique("spec.owner").index("spec.owner").build();
    AgentStore s = openWith(owned);
    String org = newOrg(s).id();
    String ann = create(s, owned, org, spec().put("owner", "ann"));

    // A unique key or index still naming the field is refused when the definition is built.
    assertThatThrownBy(() -> jobs().index("spec.owner")).isInstanceOf(
        InvalidArgumentException.class).hasMessageContaining("spec.owner");

    AgentStore changed = openWith(v1);
    assertThat(changed.kinds()).contains(v1);
    assertThat(log(changed)).extracting(StoredKindChange::version).containsExactly(1L, 2L);
    assertThat(repo(changed, v1).get(ann).orElseThrow().spec().get("owner").asText())
        .isEqualTo("ann");
    Query byOwner = Query.builder().where("spec.owner", "ann").build();
    assertThat(repo(changed, v1).count(byOwner)).isEqualTo(1);
    assertThat(repo(changed, v1).explain(byOwner).fullyIndexed()).isFalse();
    // Neither its oneOf nor its unique key holds any more, in the store or below it.
    create(changed, v1, org, spec().put("owner", "ann"));
    create(changed, v1, org, spec().put("owner", "carl"));
    assertThat(repo(changed, v1).count(byOwner)).isEqualTo(2);

    // Declared again, it is held to its declaration and served by its key once more.
    KindDefinition again = jobs().field("spec.owner", FieldType.STRING).index("spec.owner")
        .build();
    AgentStore back = openWith(again);
    assertThat(repo(back, again).count(byOwner)).isEqualTo(2);
    assertThat(repo(back, again).explain(byOwner).fullyIndexed()).isTrue();
    assertThat(log(back)).hasSize(3);
  }

  @Test
  void aReferenceFieldCannotBeAddedDroppedOrRetypedOnAStoredKind() {
    KindDefinition linked = jobs().field("spec.workflowId", FieldType.REFERENCE,
        FieldRule.references(Kind.WORKFLOW)).build();
    openWith(linked);
    assertThatThrownBy(() -> openWith(v1)).isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining("spec.workflowId").hasMessageContaining("REFERENCE");
    KindDefinition retargeted = jobs().field("spec.workflowId", FieldType.REFERENCE,
        FieldRule.references(Kind.AGENT)).build();
    assertThatThrownBy(() -> openWith(retargeted))
        .isInstanceOf(FailedPreconditionException.class).hasMessageContaining("target");
    assertThat(log(store)).hasSize(1);
  }

  @Test
  void wideningOneOfOrMakingAFieldOptionalAlwaysApplies() {
    KindDefinition strict = jobs().field("spec.owner", FieldType.STRING, FieldRule.required())
        .build();
    AgentStore s = openWith(strict);
    String org = newOrg(s).id();
    create(s, strict, org, spec().put("owner", "ann").put("state", "done"));
    KindDefinition loose = KindDefinition.builder("lab.dev", "Job").idPrefix("fcj")
        .field("spec.name", FieldType.STRING)
        .field("spec.state", FieldType.STRING,
            FieldRule.oneOf("new", "running", "done", "failed"))
        .field("spec.owner", FieldType.STRING).build();
    AgentStore changed = openWith(loose);
    assertThat(log(changed)).hasSize(2);
    String failed = create(changed, loose, org, spec().put("state", "failed"));
    assertThat(repo(changed, loose).get(failed).orElseThrow().spec().has("owner")).isFalse();
    assertThatThrownBy(() -> create(changed, loose, org, spec().put("state", "lost")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.state");
  }

  @Test
  void narrowingOneOfOrRetypingAppliesOnlyWhenEveryStoredValueMeetsIt() {
    AgentStore s = openWith(v1);
    String org = newOrg(s).id();
    String running = create(s, v1, org, spec().put("state", "running").put("name", "7"));
    String done = create(s, v1, org, spec().put("state", "done").put("name", "x"));
    KindDefinition narrow = KindDefinition.builder("lab.dev", "Job").idPrefix("fcj")
        .field("spec.name", FieldType.STRING)
        .field("spec.state", FieldType.STRING, FieldRule.oneOf("new", "done")).build();
    assertThatThrownBy(() -> openWith(narrow)).isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining("spec.state").hasMessageContaining(running)
        .hasMessageNotContaining(done);
    // Nothing changed, below the store too: the database still takes "running".
    assertThat(log(s)).hasSize(1);
    create(s, v1, org, spec().put("state", "running"));

    KindDefinition numbered = KindDefinition.builder("lab.dev", "Job").idPrefix("fcj")
        .field("spec.name", FieldType.INTEGER)
        .field("spec.state", FieldType.STRING, FieldRule.oneOf("new", "running", "done"))
        .build();
    assertThatThrownBy(() -> openWith(numbered))
        .isInstanceOf(FailedPreconditionException.class).hasMessageContaining("spec.name")
        .hasMessageContaining("must be an integer").hasMessageContaining(running)
        .hasMessageContaining(done);
    assertThat(log(s)).hasSize(1);

    for (String id : repo(s, v1).list(Query.builder().where("spec.state", "running").build())
        .items().stream().map(CustomResource::id).toList()) {
      repo(s, v1).delete(id);
    }
    AgentStore changed = openWith(narrow);
    assertThat(log(changed)).hasSize(2);
    assertThatThrownBy(() -> create(changed, narrow, org, spec().put("state", "running")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.state");
    // The database holds the narrower set below the store as well.
    var row = backendOf(changed).read(tx -> tx.find(narrow.kind(), done)).orElseThrow();
    assertThatThrownBy(() -> backendOf(changed).write(tx -> {
      tx.insert(row.toBuilder().id("fcj-" + done.substring(4, 10) + "0000000000000000")
          .slug("raw").specJson("{\"state\":\"running\"}").build());
      return null;
    })).isInstanceOf(InvalidArgumentException.class);

  }

  @Test
  void retypingAppliesOnlyWhenEveryStoredValueIsOfTheNewTypeAndRecomputesTheKeys() {
    KindDefinition decimal = jobs().field("spec.weight", FieldType.DECIMAL)
        .field("spec.at", FieldType.STRING).build();
    AgentStore s = openWith(decimal);
    String org = newOrg(s).id();
    String half = create(s, decimal, org, spec().put("weight", new java.math.BigDecimal("1.5"))
        .put("at", "2026-01-01T00:00:00.5Z"));
    String whole = create(s, decimal, org, spec().put("weight", new java.math.BigDecimal("2.0"))
        .put("at", "2026-01-01T00:00:00Z"));
    Query byAt = Query.builder().orderBy("spec.at", false).build();
    // As strings, '.' sorts before 'Z'.
    assertThat(repo(s, decimal).list(byAt).items()).extracting(CustomResource::id)
        .containsExactly(half, whole);

    KindDefinition integer = jobs().field("spec.weight", FieldType.INTEGER)
        .field("spec.at", FieldType.TIMESTAMP).build();
    assertThatThrownBy(() -> openWith(integer)).isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining("spec.weight").hasMessageContaining("must be an integer")
        .hasMessageContaining(half).hasMessageNotContaining(whole);
    assertThat(log(s)).hasSize(1);
    CustomResource<ObjectNode, ObjectNode> h = repo(s, decimal).get(half).orElseThrow();
    repo(s, decimal).update(h.withSpec(h.spec().deepCopy().put("weight", 1)));

    AgentStore changed = openWith(integer);
    assertThat(log(changed)).hasSize(2);
    // As instants, .5 seconds is later: the keys were recomputed for the new type.
    assertThat(repo(changed, integer).list(byAt).items()).extracting(CustomResource::id)
        .containsExactly(whole, half);
    assertThat(repo(changed, integer).count(Query.builder().where("spec.weight", 2).build()))
        .isEqualTo(1);
    assertThatThrownBy(() -> create(changed, integer, org, spec().put("weight", 2.5)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.weight");

    // Numbers are not strings: retyping back to STRING is refused, naming both.
    KindDefinition text = jobs().field("spec.weight", FieldType.STRING)
        .field("spec.at", FieldType.TIMESTAMP).build();
    assertThatThrownBy(() -> openWith(text)).isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining(half).hasMessageContaining(whole);
  }

  @Test
  void twoHandlesOpeningWithTheSameFieldChangeAtOnceApplyItOnce() throws Exception {
    AgentStore s = openWith(v1);
    String org = newOrg(s).id();
    String id = create(s, v1, org, spec().put("name", "a"));
    KindDefinition v2 = jobs().field("spec.tier", FieldType.STRING, FieldRule.defaultValue("free"))
        .build();
    List<AgentStore> opened = openAtOnce(location.copy().kind(v2), 2);
    assertThat(log(opened.get(0))).extracting(StoredKindChange::version)
        .containsExactly(1L, 2L);
    assertThat(repo(opened.get(1), v2).get(id).orElseThrow().spec().get("tier").asText())
        .isEqualTo("free");
    assertThat(repo(opened.get(1), v2).get(id).orElseThrow().metadata().version()).isEqualTo(1);
  }

  @Test
  void badDefaultsAreRefusedWhenTheDefinitionIsBuilt() {
    assertThatThrownBy(() -> jobs().field("spec.n", FieldType.INTEGER,
        FieldRule.defaultValue("x"))).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("spec.n").hasMessageContaining("default");
    assertThatThrownBy(() -> jobs().field("spec.s", FieldType.STRING, FieldRule.oneOf("a"),
        FieldRule.defaultValue("b"))).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("one of");
    assertThatThrownBy(() -> jobs().field("spec.k", FieldType.SECRET,
        FieldRule.defaultValue("b"))).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("SECRET");
    // A default survives the stored definition's round trip exactly.
    KindDefinition d = jobs().field("spec.w", FieldType.DECIMAL,
        FieldRule.defaultValue(new java.math.BigDecimal("0.30"))).build();
    AgentStore s = openWith(d);
    assertThat(open(location.copy()).kinds()).contains(d);
    assertThat(log(s)).hasSize(1);
    String id = create(s, d, newOrg(s).id(), spec());
    assertThat(repo(s, d).get(id).orElseThrow().spec().get("w").decimalValue())
        .isEqualByComparingTo("0.3");
  }
}
