/**
 * The agentstore TCK: the conformance suite every backend passes, the built-in SQLite and
 * PostgreSQL backends and yours. This page is the TCK's README.
 *
 * <h2>Running it against a new backend</h2>
 * <ol>
 *   <li>Add {@code dev.agentstore:agentstore-backend-tck} with test scope (its version comes from
 *       {@code agentstore-bom}), and JUnit 5's engine.</li>
 *   <li>Write one subclass per suite. Each implements the single hook
 *       {@link dev.agentstore.tck.TckSupport#newStoreBuilder()}: a builder for a new, empty store
 *       location isolated from every other (a new directory, a new database). Every call returns
 *       a new location, and opening the same builder again reopens the same data (the durability
 *       suites rely on that).
 *       <pre>
 * class MyRepositoryTest extends RepositoryTck {
 *   protected AgentStore.Builder newStoreBuilder() {
 *     return AgentStore.builder().uri("mydb://test/" + UUID.randomUUID());
 *   }
 * }</pre></li>
 *   <li>Run {@code mvn verify}. Nothing is skipped except the checks of a capability the backend
 *       does not declare, and each such skip names the capability; and one check of
 *       {@code ConcurrencyTck} unless its subclass overrides {@code withShortWriteWait} (a
 *       builder whose writes wait at most 250 ms for their turn, one at a time).</li>
 * </ol>
 *
 * <h2>Capabilities</h2>
 * A backend declares optional features in {@code dev.agentstore.spi.Capabilities}. The suites run
 * the checks of every declared feature, fail a backend that declares one it lacks, and skip (with
 * the reason) the checks of a feature it does not declare: {@code DATA_FILES} (raw-byte scans of
 * the data files for secret plaintext), {@code SHARED_OPEN} (two stores opening one location at
 * once) and {@code CROSS_PROCESS_NOTIFY} (commits of other processes wake subscribers).
 *
 * <h2>The suites</h2>
 * <ul>
 *   <li>{@link dev.agentstore.tck.RepositoryTck}: every operation of every kind, stale updates
 *       refused with nothing changed, apply of identical content writing nothing, edits,
 *       deletes and blocked deletes, list and count.</li>
 *   <li>{@link dev.agentstore.tck.QueryTck}: label selectors, JSON-path filters (null and absent
 *       alike, exact decimals), time ranges, ordering, keyset pages and hostile page tokens.</li>
 *   <li>{@link dev.agentstore.tck.ValidationTck}: exact round trips and hostile input refused with
 *       a typed error while nothing changes.</li>
 *   <li>{@link dev.agentstore.tck.TransactionTck}, {@link dev.agentstore.tck.ConcurrencyTck},
 *       {@link dev.agentstore.tck.IsolationTck}: all-or-nothing transactions, races with one
 *       winner, no lost update, tenant views that see only their org.</li>
 *   <li>{@link dev.agentstore.tck.ExecutionTck}: the phase machine and the item appends.</li>
 *   <li>{@link dev.agentstore.tck.HistoryTck}: one history entry per write, a change feed every
 *       write path reaches once and in commit order, subscriptions, prune.</li>
 *   <li>{@link dev.agentstore.tck.QueryOperatorsTck}: ranges, sets, list containment, order by a
 *       field, indexed fields and {@code explain}.</li>
 *   <li>{@link dev.agentstore.tck.RetentionTck}: {@code deleteWhere} in bounded batches and
 *       per-kind history prune.</li>
 *   <li>{@link dev.agentstore.tck.ExpiryTck}: per-resource {@code metadata.expiresAt}, deleted by
 *       {@code maintenance().run()}.</li>
 *   <li>{@link dev.agentstore.tck.ClaimTck}: work claiming with leases, each resource to one
 *       claimer at a time, expiry, renew and release for the holder only.</li>
 *   <li>{@link dev.agentstore.tck.AggregateTck}: GROUP BY aggregates with exact sums, null
 *       groups, order, limits and tenant views.</li>
 *   <li>{@link dev.agentstore.tck.ObservabilityTck}: one timed operation and span per call.</li>
 *   <li>{@link dev.agentstore.tck.SecretsTck}, {@link dev.agentstore.tck.ApiKeyTck}: no plaintext
 *       at rest, bound ciphertexts, rotation; API keys shown once.</li>
 *   <li>{@link dev.agentstore.tck.DurabilityTck}: acknowledged writes survive a reopen.</li>
 *   <li>{@link dev.agentstore.tck.FuzzTck}, {@link dev.agentstore.tck.ModelBasedTck}: seeded
 *       random inputs with a pinned transcript, and random operation sequences compared step by
 *       step with an in-memory model of the contract (shrunk to a minimal failing sequence),
 *       including a linearizability check of concurrent updates.</li>
 *   <li>{@link dev.agentstore.tck.ArtifactStoreTck}: artifact stores, streamed in a small heap.</li>
 * </ul>
 *
 * <h2>Knobs</h2>
 * System properties {@code agentstore.tck.modelSequences}, {@code agentstore.tck.modelSteps} and
 * {@code agentstore.tck.modelSeed} size and seed the model-based suite (a failure prints the seed
 * to rerun). The built-in PostgreSQL subclasses run on an embedded server unless
 * {@code AGENTSTORE_PG_URL} names one of yours.
 *
 * <p>How strong the suite is (the mutation score it reaches on the built-in backends, and the
 * surviving mutants with the reason each is equivalent) is in the project's {@code docs/tck.md}.
 */
package dev.agentstore.tck;
