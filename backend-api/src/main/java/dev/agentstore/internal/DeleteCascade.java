package dev.agentstore.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.Kind;
import dev.agentstore.KindDefinition;
import dev.agentstore.OnDelete;
import dev.agentstore.Query;
import dev.agentstore.ResourceType;
import dev.agentstore.spi.BackendTransaction;
import dev.agentstore.spi.StoredQuery;
import dev.agentstore.spi.StoredResource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The delete rules of declared references ({@link OnDelete}), applied by the store before a
 * referenced resource goes, in the delete's transaction. It walks the graph of referrers first
 * and writes nothing until the whole graph is known: CASCADE referrers join the resources to
 * delete (their own referrers walked in turn; a resource reached twice is walked once), then a
 * RESTRICT referrer outside that set refuses the whole delete naming it, and so does a graph of
 * more than {@link #MAX_RESOURCES} resources to delete or edit. Only then are the SET_NULL
 * referrers edited (each an update with its history entry) and the cascaded resources deleted
 * (each with its DELETED entry), referrers before what they reference, so the database's
 * RESTRICT foreign keys, which stay underneath as the safety net, never fire.
 *
 * <p>A kind may reference only kinds declared before it, so resources of later kinds are
 * deleted first: that order holds for every reference among the resources to delete.
 *
 * <p>Usage: {@code DeleteCascade.beforeDelete(repo, tx, row, true);}
 */
final class DeleteCascade {
  /** The most resources one delete may delete or edit besides itself. */
  static final int MAX_RESOURCES = 10_000;
  /** How many blocking referrers an error names. */
  private static final int NAMED = 10;

  /**
   * A declared REFERENCE field: resources of {@code referrer} point at its target kind through
   * {@code field}.
   *
   * @param referrer the declaring kind
   * @param field the field
   * @param rank the declaring kind's position in declaration order
   */
  record Edge(KindDefinition referrer, KindDefinition.Field field, int rank) {
    OnDelete onDelete() {
      return field.references().orElseThrow().onDelete();
    }
  }

  /** By target kind, the declared fields referencing it, in declaration order. */
  static Map<Kind, List<Edge>> edges(Collection<KindDefinition> kinds) {
    Map<Kind, List<Edge>> byTarget = new HashMap<>();
    int rank = 0;
    for (KindDefinition d : kinds) {
      rank++;
      for (KindDefinition.Field f : d.fields()) {
        int r = rank;
        f.references().ifPresent(ref -> byTarget.computeIfAbsent(ref.target(),
            k -> new ArrayList<>()).add(new Edge(d, f, r)));
      }
    }
    byTarget.replaceAll((k, v) -> List.copyOf(v));
    return Map.copyOf(byTarget);
  }

  private record Doomed(Kind kind, StoredResource row, int rank) {}

  private record Referrer(Edge edge, StoredResource row, String target) {}

  private final Repo<?, ?, ?> root;
  private final BackendTransaction tx;
  private final Map<Kind, List<Edge>> edges;
  private final Map<String, Doomed> doomed = new LinkedHashMap<>();
  private final List<Referrer> others = new ArrayList<>();
  /** The referrer repositories writing the cascaded deletes, by kind. */
  private final Map<Kind, Repo<?, ?, ?>> deleters = new HashMap<>();
  /** The referrer repositories writing the SET_NULL edits, by kind. */
  private final Map<Kind, Repo<?, ?, ?>> editors = new HashMap<>();

  private DeleteCascade(Repo<?, ?, ?> root, BackendTransaction tx) {
    this.root = root;
    this.tx = tx;
    this.edges = root.core.referrers;
  }

  /**
   * Applies the delete rules of everything referencing {@code row} (of {@code kind}, about to
   * be deleted by the caller): afterwards nothing the store declared references it. With
   * {@code record} false the cascaded resources lose their history instead of gaining a DELETED
   * entry, like the row itself ({@code deleteWhere} with {@code pruneHistory}).
   */
  static void beforeDelete(Repo<?, ?, ?> repo, BackendTransaction tx, Kind kind,
      StoredResource row, boolean record) {
    if (!repo.core.referrers.containsKey(kind)) {
      return; // nothing declared references this kind: no query at all
    }
    new DeleteCascade(repo, tx).run(kind, row, record);
  }

  private void run(Kind kind, StoredResource row, boolean record) {
    visit(kind, row, 0);
    String rootId = row.id();
    Map<String, List<Referrer>> clears = new LinkedHashMap<>(); // by referrer id
    List<String> blockers = new ArrayList<>();
    for (Referrer r : others) {
      if (doomed.containsKey(r.row().id())) {
        continue; // deleted anyway
      }
      if (r.edge().onDelete() == OnDelete.RESTRICT) {
        blockers.add(r.row().id() + " (" + r.edge().referrer().kind() + " "
            + r.edge().field().path().text() + " -> " + r.target() + ")");
      } else {
        clears.computeIfAbsent(r.row().id(), k -> new ArrayList<>()).add(r);
      }
    }
    if (!blockers.isEmpty()) {
      throw new FailedPreconditionException("cannot delete " + row.id() + ": "
          + (doomed.size() > 1 ? "it, or a resource its delete cascades to, is" : "it is")
          + " referenced with onDelete RESTRICT by " + blockers.size() + " resource(s): "
          + String.join(", ", blockers.subList(0, Math.min(NAMED, blockers.size())))
          + (blockers.size() > NAMED ? " and " + (blockers.size() - NAMED) + " more" : "")
          + "; delete them or change their references first (nothing was changed)");
    }
    if (touched() + clears.size() > MAX_RESOURCES) {
      throw tooMany(row);
    }
    clears.forEach((id, rs) -> repo(editors, rs.get(0).edge().referrer().kind(), "references"
        + " cleared: deleting " + rootId + " (onDelete SET_NULL)").clearReferences(tx, id,
        rs.stream().map(r -> r.edge().field()).toList(), doomed.keySet()));
    List<Doomed> order = new ArrayList<>(doomed.values());
    order.remove(0); // the root: the caller deletes it
    order.sort(Comparator.comparingInt(Doomed::rank).reversed());
    for (Doomed d : order) {
      repo(deleters, d.kind(), "deleted with " + rootId + " (onDelete CASCADE)")
          .removeRow(tx, d.row(), record);
    }
  }

  /** Adds {@code row} to the resources to delete and walks its referrers. */
  private void visit(Kind kind, StoredResource row, int rank) {
    doomed.put(row.id(), new Doomed(kind, row, rank));
    for (Edge e : edges.getOrDefault(kind, List.of())) {
      int budget = MAX_RESOURCES + 1 - touched() - others.size();
      List<StoredResource> found = budget <= 0 ? List.of() : tx.list(e.referrer().kind(),
          StoredQuery.builder(budget).org(row.org()).jsonFilters(List.of(new Query.JsonFilter(
              e.field().path(), TextNode.valueOf(row.id())))).build());
      if (budget <= 0 || found.size() >= budget) {
        throw tooMany(doomed.values().iterator().next().row());
      }
      for (StoredResource r : found) {
        if (e.onDelete() != OnDelete.CASCADE) {
          others.add(new Referrer(e, r, row.id()));
        } else if (!doomed.containsKey(r.id())) {
          visit(e.referrer().kind(), r, e.rank());
        }
      }
    }
  }

  /** Resources to delete besides the root. */
  private int touched() {
    return doomed.size() - 1;
  }

  private static FailedPreconditionException tooMany(StoredResource root) {
    return new FailedPreconditionException("cannot delete " + root.id() + ": its delete would"
        + " delete or edit more than " + MAX_RESOURCES + " referencing resources in one"
        + " transaction; delete them first (deleteWhere deletes in batches; nothing was changed)");
  }

  /**
   * The repository of a declared referrer kind, in the root's view, whose history entries say
   * why they were written ({@code note}, after the caller's own message when it set one).
   */
  private Repo<?, ?, ?> repo(Map<Kind, Repo<?, ?, ?>> cache, Kind kind, String note) {
    return cache.computeIfAbsent(kind, k -> {
      String own = root.view.message();
      View noted = root.view.withMessage(own == null || own.isEmpty() ? note : own + "; " + note);
      return new CustomRepo<>(ResourceType.declared(k, ObjectNode.class, ObjectNode.class),
          noted);
    });
  }
}
