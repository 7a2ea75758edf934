package dev.agentstore.bench;

import java.util.Map;

/**
 * The cause and the fix of each target the library can miss, found by reading the library's code
 * path for the operation and profiling it; the report prints an entry only for a target this run
 * missed. Also the description of how the baselines match the library's statements.
 *
 * <p>Usage: {@code Causes.Cause c = Causes.of("single.create", "SQLite"); c.fix();}
 */
final class Causes {

  /**
   * Why a target was missed and what change would meet it.
   *
   * @param cause what the library does beyond the baseline
   * @param fix the change it needs
   */
  record Cause(String cause, String fix) {}

  private Causes() {}

  private static final String RENDER = "jOOQ builds statements from its DSL and renders them"
      + " to SQL text on every call, except the shapes `StatementCache` keeps (find, find for"
      + " update, an execution with its items (one UNION ALL), insert, update, single-row history"
      + " insert, version bump, last item sequence, multi-row inserts, and item reads of up to"
      + " 100 executions), which run from a cached"
      + " text over plain JDBC (`DirectJdbc`: each value bound through its column's converter,"
      + " no jOOQ execution pipeline)";

  private static final String LARGEST = "; before that cache, a JFR profile showed rendering as"
      + " the largest single share of the library's own CPU time (about 40% of a get), and"
      + " jOOQ's execution pipeline about half of what remained; the statements outside it (by"
      + " slug, lists, settings) still pay both";

  private static final String RENDER_FIX = "Extend `StatementCache` to the remaining shapes"
      + " (by slug, lists keyed by their query's shape, settings)";

  private static final String WRITE_PATH = RENDER + LARGEST + ". Beyond it, per write: Jackson"
      + " encodes spec, status, labels and metadata (`ResourceCodec.encode`: `valueToTree`, then"
      + " `writeValueAsString`); the indexed-field and item keys parse the written status and"
      + " each item again (`IndexedField.keys`, `ItemField.keys`); the history snapshot is"
      + " spliced from the written texts (`ResourceCodec.snapshotJson`, nothing parsed); the"
      + " written row is read back into a typed record to be returned (`ResourceCodec.decode`:"
      + " one streaming read per document), now the largest share; and a HikariCP connection"
      + " is checked out. The statements themselves are the baseline's (see the SQL trace), so"
      + " the whole gap is this CPU work, which a 2-core machine adds straight onto every call.";

  private static final String WRITE_FIX = "Return the resource from the trees `encode` already"
      + " made, normalised as a read would give them (exact decimals, smallest integer type),"
      + " instead of reading the written text back, and compute the index keys from those"
      + " trees; " + RENDER_FIX + ".";

  private static final Map<String, Cause> CAUSES = Map.ofEntries(
      Map.entry("single.create", new Cause(WRITE_PATH + " Every statement of a create is"
          + " cached.", WRITE_FIX)),
      Map.entry("single.update", new Cause(WRITE_PATH + " An update also maps the"
          + " SELECT of every column of the current row with its items, one statement"
          + " (`Repo.requireWithItems`; the row lock taken in a CTE on PostgreSQL), where the"
          + " baseline's UPDATE checks the version without reading.", WRITE_FIX)),
      Map.entry("single.updateStatus", new Cause(WRITE_PATH + " `updateStatus` also converts"
          + " the typed status to a tree (`Json.toObject`) and re-encodes every column"
          + " (`Repo.writeStatus` → `encodeTrees`); it rewrites only the collections whose items"
          + " changed.", WRITE_FIX + " For `updateStatus`, write only status, version and the"
          + " updated_* columns.")),
      Map.entry("single.apply", new Cause(WRITE_PATH + " `apply` first renders and maps the"
          + " SELECT by (slug, org) (`SqlTransaction.findBySlug`).", WRITE_FIX)),
      Map.entry("single.get", new Cause(RENDER + "; a get's one statement (the row and its"
          + " items, UNION ALL) is among them"
          + LARGEST + ". What remains is decoding, now the largest share: spec and status (the"
          + " status with its items spliced in first) are read straight from text into their"
          + " records, labels and metadata through trees; then a record per row, a HikariCP"
          + " checkout and the read transaction's `BEGIN`/`COMMIT` on a pooled reader.",
          "Read labels and metadata without a tree and reuse an `ObjectReader` per record"
          + " class; what is left is Jackson mapping the documents, which a baseline returning"
          + " strings does not do.")),
      Map.entry("single.appendMessages", new Cause(RENDER + "; every statement of an append"
          + " is among them" + LARGEST + ". `ExecutionRepo.openForAppend` selects the execution's"
          + " head only (`findHeadForUpdate`: org, version and phase); each message is converted to a tree, validated and written"
          + " (`ResourceCodec.item`), and the APPENDED history snapshot parses each item's JSON"
          + " again (`ExecutionRepo.recordAppend` → `Json.parseTrusted`).", "Build the snapshot"
          + " from the item trees already in hand; take the next sequence in the INSERT instead"
          + " of a SELECT of the last one.")),
      Map.entry("single.page", new Cause("Decoding the 50 rows: per row Jackson reads spec and"
          + " status straight from text into records and parses labels and metadata to trees"
          + " (`ResourceCodec.decode`); in a JFR profile of this workload that is about half of"
          + " the library's own CPU. The page's SELECT is rendered from the DSL on every call"
          + " (its text depends on the query); its item read is a cached text ("
          + RENDER + "). The page token is signed (HMAC). Note also"
          + " that `Repo.list` loads every message and tool call of every execution on the page"
          + " (`tx.items`); that is free here only because the seeded executions hold none.",
          RENDER_FIX + ". And offer a list without the child collections (a `Query` option or"
          + " a summary projection), so a page of long executions does not read their whole"
          + " histories.")),
      Map.entry("concurrent.ratio", new Cause("SQLite runs one writer at a time, so every"
          + " create's extra CPU (see create) is added to a serial critical path; the library's"
          + " threads also queue on its single pooled SQLite writer connection. PostgreSQL"
          + " commits history writers in parallel (they share the ordering lock, migration 9),"
          + " so there the gap is the library's per-create CPU on two cores shared with the"
          + " server.",
          "Lower the per-create cost (see create).")),
      Map.entry("concurrent.busy", new Cause("A create failed under contention with a busy,"
          + " locked or serialization error that the library surfaced instead of waiting or"
          + " retrying (counted per failed call; see the note of the row for the split).",
          "Queue writers behind the busy timeout (SQLite: `BEGIN IMMEDIATE` on the single"
          + " writer connection; HikariCP's connection timeout must exceed the queue's wait)"
          + " and retry serialization failures inside the library before surfacing"
          + " `UnavailableException`.")),
      Map.entry("append.scaling", new Cause("The append path reads `max(seq)` of the"
          + " execution's items and inserts into the items' primary key, both O(log n), and the"
          + " raw baseline runs the same statements; a library-only slope means something reads"
          + " or rewrites per-execution history. Compare the baseline's curve in the plot: if it"
          + " rises too, the cost is the database's (index depth, cache misses), not the"
          + " library's.", "Keep the last sequence number in the parent row (a `last_seq`"
          + " column bumped with the version) so no statement touches the existing items, and"
          + " EXPLAIN the `max(seq)` query on the backend that missed.")),
      Map.entry("page.scaling", new Cause("A keyset page on (org, phase, created_at, id) costs"
          + " O(log n), and the raw baseline runs the same SELECT; if its curve rises as well,"
          + " the rows no longer fit the database's cache (SQLite's default cache is 2 MiB per"
          + " connection and the library's pooled readers start cold; PostgreSQL's"
          + " shared_buffers is in the settings) or the planner stopped using"
          + " `agent_executions_org_phase_created_idx`.", "Give the local backend's reader"
          + " connections a larger `cache_size`/`mmap_size`, and check the plan with EXPLAIN"
          + " (QUERY PLAN) on the backend that missed.")),
      Map.entry("open.cold", new Cause("`AgentStore.open` in a new JVM is dominated by first-use"
          + " initialisation, which is mostly class loading: the note of the \"open only\" row"
          + " counts, for one traced open, the classes each library loaded and when its first"
          + " class loaded. Flyway no longer runs on an existing store (`MigrationGate` reads the"
          + " schema history first: about 230 Flyway classes and a class-path scan saved) and the"
          + " page-token and hashing keys are read without a write transaction. What remains:"
          + " jOOQ's first statement (about 930 classes: its `SQLDataType` initialisation loads"
          + " every dialect's types), Jackson (about 650 classes), Tink with protobuf (about 440,"
          + " reading the key file and registering its primitives in `StoreSecrets.open`), the"
          + " SQLite driver extracting its native library, two HikariCP pools, and the artifact"
          + " store's open (an xattr probe and a sweep for stale temp files). The baseline's own"
          + " cold connect in a new JVM, in the table, is the floor.",
          "Load less on the open path: load Tink at the first secret; open the reader pool"
              + " lazily; sweep artifact temp files in the background; replace the jOOQ render"
              + " on the open path by plain statements. For applications that start often, an"
              + " AppCDS archive of the library's jars (`-XX:ArchiveClassesAtExit`, then"
              + " `-XX:SharedArchiveFile`) cuts the class-loading time itself: in a trial on"
              + " this machine the open took about 360 ms with one instead of about 885 ms.")),
      Map.entry("open.warm", new Cause("Even with every class loaded, each open builds two"
          + " HikariCP pools (each opening a first SQLite connection), reads Flyway's schema"
          + " history, reads the page-token key and the sealed hashing key and opens it with"
          + " Tink, reads the key file, and probes and walks the artifact directory, where the"
          + " baseline opens one connection.", "Open the reader pool and the artifact store"
          + " lazily and keep one schema check per process and data directory.")),
      Map.entry("artifacts.put", new Cause("`FileSystemArtifactStore.put` must compute SHA-256"
          + " over every byte (the digest is part of the stored attributes and of content"
          + " addressing). Measured on this machine, per GiB from the page cache: reading alone"
          + " about 140 ms, reading and SHA-256 (JDK intrinsic, SHA-NI) 720-800 ms, reading,"
          + " writing and fsync without a digest about 600 ms, all three in series about 1,100"
          + " ms. So SHA-256 alone is slower than the whole copy: even perfectly overlapped,"
          + " a put cannot pass about 0.72x of `cp` + `sync` here. A trial that hashed on the"
          + " calling thread while a second thread wrote 1 MiB buffers and a third started"
          + " flushing every 64 MiB gained nothing measurable on 2 cores (and was not kept).",
          "Nothing within SHA-256 reaches 0.8x on a disk this fast. Options that change the"
          + " contract: trust a caller-supplied digest for content that is already hashed"
          + " upstream (verify it later, in the background), or a faster tree hash"
          + " (e.g. BLAKE3) for integrity with SHA-256 kept only for content addressing.")),
      Map.entry("artifacts.get", new Cause("`get` returns `Channels.newInputStream` over a"
          + " `FileChannel`, so every byte is copied through the caller's heap buffer, while the"
          + " copies move data inside the kernel (`copy_file_range`/`sendfile`).", "Add a"
          + " `get(key, OutputStream)`/`transferTo` path that uses `FileChannel.transferTo` when"
          + " the target is a file or socket channel.")),
      Map.entry("artifacts.heap", new Cause("Peak heap grew by what the transfer allocated;"
          + " the store's own loop uses one 256 KiB buffer, so growth beyond that is per-chunk"
          + " garbage or buffering (the row's note gives the bytes allocated per operation).",
          "Reuse buffers and avoid per-chunk allocation in `ArtifactSource` and the store."))
  );

  /** The cause of a miss of {@code key}. */
  static Cause of(String key) {
    Cause c = CAUSES.get(key);
    if (c == null) {
      return new Cause("No analysis is recorded for this check (" + key + ").",
          "Profile the operation (see the README) and add its cause here.");
    }
    return c;
  }

  /** A heading for the checks of {@code key}, e.g. {@code create} for {@code single.create}. */
  static String title(String key) {
    return switch (key) {
      case "append.scaling" -> "appendMessages scaling";
      case "page.scaling" -> "page scaling";
      case "concurrent.ratio" -> "8 threads creating";
      case "concurrent.busy" -> "errors under 8 concurrent creators";
      case "open.cold" -> "cold open";
      case "open.warm" -> "warm open";
      default -> key.substring(key.indexOf('.') + 1);
    };
  }

  /** How the raw baselines match the library's statements, for the report. */
  static final String BASELINES = """
      Both sides run on the same database, open side by side: on SQLite the same `agentstore.db`\
       (WAL, `synchronous=FULL`, foreign keys on, 30 s busy timeout, set through the same\
       `SQLiteConfig` settings backend-local's `LocalBackendFactory` uses); on PostgreSQL the same\
       database on the same server through the same driver. The raw side (`RawStore`) issues per\
       operation the statements backend-sql's `SqlTransaction` issues through jOOQ, in the same\
       order and transaction, with the same columns, and writes the library's own JSON text: the\
       template rows are created through the library and read back, and raw rows are clones with\
       fresh ids and slugs.

      | operation | statements on both sides (PG = PostgreSQL only) |
      |---|---|
      | create | `BEGIN IMMEDIATE` (SQLite) · `INSERT INTO agents` (13 columns) · `INSERT INTO api_resource_versions` (snapshot = the whole envelope; PG: its trigger takes the shared ordering lock) · `COMMIT` |
      | get | `BEGIN DEFERRED` (SQLite) · `SELECT` every column `FROM agents WHERE id = ?` · `COMMIT` |
      | update | `BEGIN IMMEDIATE` · `SELECT … WHERE id = ?` (PG: `FOR UPDATE`) · `UPDATE agents SET` 9 columns `WHERE id = ? AND version = ?` · `INSERT` history · `COMMIT` |
      | updateStatus | the statements of update (the library rewrites every mutable column with the new status) |
      | apply (existing) | `BEGIN IMMEDIATE` · `SELECT … WHERE slug = ? AND org = ?` · `UPDATE … WHERE id = ? AND version = ?` · `INSERT` history · `COMMIT` |
      | appendMessages | `BEGIN IMMEDIATE` · `SELECT` the execution (PG: `FOR UPDATE`) · `UPDATE agent_executions SET version, updated_at, updated_by WHERE id = ? AND version = ?` · `SELECT max(seq) FROM agent_execution_items WHERE execution_id = ? AND collection = ?` · `INSERT INTO agent_execution_items` · `INSERT` history (snapshot = the appended items) · `COMMIT` |
      | page | `BEGIN DEFERRED` · `SELECT` every column `FROM agent_executions WHERE org = ? AND phase = ? ORDER BY created_at DESC, id DESC` with a limit of 51 rows (`LIMIT` on SQLite, `FETCH NEXT` on PostgreSQL, as jOOQ renders them) · `SELECT execution_id, seq, item_key, body FROM agent_execution_items WHERE execution_id IN (…50 ids) AND collection = ?` for `messages`, then for `toolCalls` · `COMMIT` |
      | 8 threads creating | the create statements; the library's 8 threads share one store, the baseline's each have a connection |
      | 8 threads creating, feed tailed | the same while one reader follows the feed until it has read every create: the library's subscription; raw, a thread polling `SET TRANSACTION … REPEATABLE READ, READ ONLY` · `LOCK TABLE agentstore_history_order IN SHARE MODE` (PG) · `SELECT * FROM api_resource_versions WHERE seq > ? ORDER BY seq` (256 rows) · `COMMIT` |
      | open | library: `AgentStore.open` + one `get`; baseline: one JDBC connection + one `SELECT` |

      What the raw side leaves out is exactly the library's own work: validation, Jackson encoding\
       of the documents and of the history snapshot, decoding rows back into typed records (with\
       the secret-field walk), page tokens, jOOQ rendering and binding, HikariCP checkout and the\
       facade. Both sides prepare each statement per call (jOOQ does not cache statements; the\
       PostgreSQL driver's own prepared-statement cache serves both). With\
       `-Dbench.traceSql=true` on embedded PostgreSQL the run also writes `sql-trace.md`: the\
       statements the server received for one library call and one raw call of each operation.""";
}
