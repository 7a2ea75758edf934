package dev.agentstore.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code completion}: the bash (and zsh) completion script. */
@Command(name = "completion", description = {"Print a bash/zsh completion script:",
    "  source <(java -jar agentstore-cli.jar completion)",
    "(with an 'agentstore' alias or wrapper script on the PATH)."})
final class CompletionCommand extends StoreCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    out().print(AutoComplete.bash("agentstore", spec.root().commandLine()));
    return AgentStoreCli.OK;
  }
}
