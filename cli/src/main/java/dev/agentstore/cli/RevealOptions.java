package dev.agentstore.cli;

import picocli.CommandLine.Option;

/**
 * {@code --reveal} and {@code --yes-i-know}, mixed into the commands that print resources
 * ({@code get}, {@code ls}): secrets are masked unless revealed, and revealing is confirmed.
 */
final class RevealOptions {
  @Option(names = "--reveal", description = "Show secret values in plain text (asks first).")
  boolean reveal;

  @Option(names = "--yes-i-know", description = "Confirm --reveal without asking.")
  boolean yesIKnow;

  /**
   * Whether to show secrets: false without {@code --reveal}; with it, true once {@code command}
   * has the user's confirmation (a usage error when there is none).
   */
  boolean confirmed(StoreCommand command) {
    if (reveal) {
      command.confirmReveal(yesIKnow);
    }
    return reveal;
  }
}
