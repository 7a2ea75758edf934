package dev.agentstore.cli;

import dev.agentstore.Ids;
import dev.agentstore.Kind;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every command shares: the root's store options and the output streams. */
abstract class StoreCommand {
  @ParentCommand
  AgentStoreCli root;

  @Spec
  CommandSpec spec;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /**
   * {@code --reveal}: allowed with {@code --yes-i-know}, or after the user typed {@code yes} at
   * the prompt; refused (a usage error) when there is no one to ask.
   */
  void confirmReveal(boolean yesIKnow) {
    if (yesIKnow) {
      return;
    }
    if (root.in == null) {
      throw usage("--reveal prints secret values in plain text: confirm with --yes-i-know"
          + " (no terminal to ask)");
    }
    err().print("--reveal prints secret values in plain text. Type 'yes' to go on: ");
    err().flush();
    String answer;
    try {
      answer = root.in.readLine();
    } catch (IOException e) {
      answer = null;
    }
    if (answer == null || !answer.strip().equalsIgnoreCase("yes")) {
      throw usage("--reveal not confirmed: nothing printed");
    }
  }

  /** The kind {@code text} names (built-in, or declared in {@code store}), or a usage error. */
  Kind kindNamed(dev.agentstore.AgentStore store, String option, String text) {
    try {
      return Kinds.parse(store, text);
    } catch (CommandLine.TypeConversionException e) {
      throw usage(option + ": " + e.getMessage());
    }
  }

  /** The kind of a resource id (built-in, or declared in {@code store}), or a usage error naming the id. */
  Kind kindOf(dev.agentstore.AgentStore store, String resourceId) {
    Kind kind = Kinds.ofId(store, resourceId);
    if (kind == null || kind == Kind.API_RESOURCE_VERSION || !Ids.isValid(
        resourceId, kind)) {
      throw usage("ID: '" + resourceId + "' is not a resource id (expected <prefix>-<ulid>,"
          + " e.g. agt-01j9zq3x5m8k2v7w4t6r0y1b2c)");
    }
    return kind;
  }
}
