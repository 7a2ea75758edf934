package dev.agentstore.examples;

import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.BaseSessionService;
import com.google.adk.sessions.Session;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import dev.agentstore.AgentStore;
import dev.agentstore.adk.AgentStoreSessionService;
import dev.agentstore.model.Organization;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Google ADK sessions kept in agentstore: each run appends one event to the same session, and
 * counts its visits in user state ({@code user:} keys, shared by the user's sessions).
 *
 * <p>Usage: {@code GoogleAdkSessionsExample.run(Path.of("/tmp/agents"), System.out);}
 */
public final class GoogleAdkSessionsExample {
  private GoogleAdkSessionsExample() {}

  /** Appends one event to user-42's session in the store at {@code dir} and prints it. */
  public static void run(Path dir, PrintStream out) {
    try (AgentStore store = AgentStore.open("local:" + dir)) {
      Organization org = store.organizations().apply(Organization.builder().name("Acme").build());
      BaseSessionService sessions = new AgentStoreSessionService(store, org.id());
      Session session = Optional.ofNullable(
              sessions.getSession("support", "user-42", "chat-1", Optional.empty()).blockingGet())
          .orElseGet(() -> sessions.createSession("support", "user-42", Map.of(), "chat-1")
              .blockingGet());
      int visits = ((Number) session.state().getOrDefault("user:visits", 0)).intValue() + 1;
      Event event = Event.builder().id(Event.generateEventId()).invocationId("run-" + visits)
          .author("user").content(Content.fromParts(Part.fromText("visit " + visits)))
          .actions(EventActions.builder()
              .stateDelta(new ConcurrentHashMap<>(Map.of("user:visits", visits))).build())
          .timestamp(System.currentTimeMillis()).build();
      sessions.appendEvent(session, event).blockingGet();
      Session read = sessions.getSession("support", "user-42", "chat-1", Optional.empty())
          .blockingGet();
      out.println("chat-1 has " + read.events().size() + " events, user:visits="
          + read.state().get("user:visits"));
    }
  }
}
