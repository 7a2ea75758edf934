package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.Metadata;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentSpec;
import dev.agentstore.model.Organization;
import dev.agentstore.model.OrganizationSpec;

/**
 * A child-process program for {@link LocalCrossProcessTest}: opens the store in args[0], creates an
 * organization named args[1] and args[2] agents in it, and exits 0 only if every write succeeded.
 */
public final class CrossProcessWriter {
  private CrossProcessWriter() {}

  /** Entry point of the child JVM. */
  public static void main(String[] args) {
    try (AgentStore store = AgentStore.open("local:" + args[0])) {
      Organization org = store.organizations().create(new Organization(
          Metadata.of(null, args[1]), OrganizationSpec.builder().build(), null));
      int agents = Integer.parseInt(args[2]);
      for (int i = 0; i < agents; i++) {
        store.agents().create(new Agent(Metadata.of(org.id(), "agent " + i),
            AgentSpec.builder().instructions("x").build(), null));
      }
      System.out.println("OK " + org.id());
    }
  }
}
