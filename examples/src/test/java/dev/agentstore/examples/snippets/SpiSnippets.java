package dev.agentstore.examples.snippets;

import dev.agentstore.AgentStore;
import dev.agentstore.JsonPath;
import dev.agentstore.Kind;
import dev.agentstore.RefField;
import dev.agentstore.artifact.ArtifactPutOptions;
import dev.agentstore.history.ChangeEvent;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.spi.ArtifactPageTokens;
import dev.agentstore.spi.ArtifactSource;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.FieldChanges;
import dev.agentstore.spi.BackendConfig;
import dev.agentstore.spi.BackendProvider;
import dev.agentstore.spi.BackendTransaction;
import dev.agentstore.spi.Capabilities;
import dev.agentstore.spi.HistoryRecord;
import dev.agentstore.spi.IndexedField;
import dev.agentstore.spi.SortKeys;
import dev.agentstore.spi.StoreBackends;
import dev.agentstore.spi.StoredItem;
import dev.agentstore.spi.StoredKindChange;
import dev.agentstore.spi.StoredLease;
import dev.agentstore.spi.StoredQuery;
import dev.agentstore.spi.StoredResource;
import dev.agentstore.spi.StoredResourceHead;
import dev.agentstore.spi.StoredResourceWithItems;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The Javadoc usage lines of the backend SPI, as compiled code (see JavadocSnippetsTest). The
 * fields stand for what a backend author has at hand.
 */
@SuppressWarnings("unused")
abstract class SpiSnippets {
  AgentStore store;
  Backend backend;
  BackendTransaction tx;
  BackendProvider provider;
  StoredResource row;
  Kind kind;
  Kind k;
  ChangeEvent e;
  ExecutionPhase p;
  ArtifactPutOptions opts;
  InputStream in;
  String id;
  String verId;
  String r;
  String org;
  String json;
  String spec;
  String h;
  String key;
  String prefix;
  String token;
  ArtifactPageTokens tokens = new ArtifactPageTokens();
  String owner;
  StoredQuery query;
  Instant now;
  Instant until;
  byte[] buf;
  int n;

  abstract void sink(byte[] bytes, int length);

  void openers() {
    AgentStore.open("local:/var/lib/agents");
    Backend b = provider.open(new BackendConfig("local:/tmp/s", Map.of()));
    Capabilities c = StoreBackends.of(store).capabilities();
    Capabilities files = new Capabilities(EnumSet.of(Capabilities.Feature.DATA_FILES));
  }

  void transactions() {
    StoredResource row = backend.read(tx -> tx.find(Kind.AGENT, id)).orElse(null);
  }

  void write() {
    backend.write(tx -> { tx.insert(row); return null; });
  }

  void rows() {
    tx.insert(StoredResource.builder(Kind.AGENT, id).org(org).slug("a").name("A").version(1).build());
    StoredResource next = row.toBuilder().version(row.version() + 1).specJson(spec).build();
    tx.appendItems(Kind.AGENT_EXECUTION, id, org, "messages", List.of(StoredItem.toAppend(null, json)));
    tx.list(Kind.AGENT, StoredQuery.builder(50).org(org).phase(p).build());
    StoredQuery byHash = StoredQuery.builder(1).refs(Map.of(RefField.KEY_HASH, h)).build();
    tx.appendHistory(HistoryRecord.builder().id(verId).kind(kind).resourceId(id).event(e).build());
    HistoryRecord record = HistoryRecord.builder().id(id).kind(k).resourceId(r).event(e).build();
  }

  void rowReads() {
    tx.findWithItems(kind, id, List.of("messages"), false).map(StoredResourceWithItems::row);
    tx.findHeadForUpdate(Kind.AGENT_EXECUTION, id).map(StoredResourceHead::version);
  }

  void leases() {
    tx.claim(kind, query, new StoredLease(null, kind.kindName(), org, owner, now, until));
  }

  void indexedFields() {
    String k = SortKeys.decimal(new BigDecimal("0.3"));
    IndexedField.find(Kind.AGENT_EXECUTION, JsonPath.parse("status.startedAt"));
  }

  void artifacts() {
    String after = tokens.decode(prefix, token).orElse(null);
    ArtifactSource src = new ArtifactSource(key, in); while ((n = src.read(buf, 0, buf.length)) > 0) sink(buf, n); src.verify(opts.expectedSha256());
  }

  void fieldChanges(dev.agentstore.KindDefinition stored, dev.agentstore.KindDefinition declared) {
    FieldChanges changes = FieldChanges.between(stored, declared); if (changes.needsScan()) { changes.refuseIfViolated(); }
  }

  void importGroupsAndKindChanges(String executionId, List<StoredItem> items) {
    new StoredItem.Group(executionId, "messages", items);
    List<StoredKindChange> log = backend.read(BackendTransaction::kindChanges);
  }
}
