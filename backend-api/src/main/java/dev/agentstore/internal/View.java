package dev.agentstore.internal;

import dev.agentstore.spi.StoredResource;

/**
 * One view of a store: the shared core, how calls reach a transaction, and the org, actor and
 * history message the view is bound to.
 *
 * <p>Usage: {@code View tenant = view.withOrg(orgId);}
 */
record View(StoreCore core, TxRunner runner, String org, String actor, String message) {

  View withOrg(String newOrg) {
    return new View(core, runner, newOrg, actor, message);
  }

  View withActor(String newActor) {
    return new View(core, runner, org, newActor, message);
  }

  View withMessage(String newMessage) {
    return new View(core, runner, org, actor, newMessage);
  }

  View withRunner(TxRunner newRunner) {
    return new View(core, newRunner, org, actor, message);
  }

  /** Whether this view may see the row. */
  boolean sees(StoredResource row) {
    return sees(row.org());
  }

  /** Whether this view sees what {@code rowOrg} owns. */
  boolean sees(String rowOrg) {
    return org == null || org.equals(rowOrg);
  }
}
