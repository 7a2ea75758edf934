package dev.agentstore.internal;

import dev.agentstore.InvalidArgumentException;

/**
 * The one check of an actor name, shared by {@code Builder.actor} and {@code store.as}.
 *
 * <p>Usage: {@code String actor = Actors.require(name);}
 */
public final class Actors {
  private Actors() {}

  /** Returns {@code actor} when it is 1-255 characters and not blank; raises otherwise. */
  public static String require(String actor) {
    if (actor == null || actor.isBlank() || actor.length() > 255) {
      throw new InvalidArgumentException("actor: must be 1-255 characters, not blank");
    }
    Json.checkString(actor, "actor"); // no NUL, no unpaired surrogate
    return actor;
  }
}
