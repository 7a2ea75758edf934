package dev.agentstore.internal;

import dev.agentstore.spi.Backend;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What every view of one open store shares: the backend, the codec, page tokens, secrets and the clock.
 *
 * <p>Usage: {@code Instant t = core.now();}
 */
final class StoreCore {
  final Backend backend;
  final ResourceCodec codec;
  final PageTokens tokens;
  final StoreSecrets secrets;
  private final Clock clock;

  StoreCore(Backend backend, ResourceCodec codec, PageTokens tokens, StoreSecrets secrets,
      Clock clock) {
    this.backend = backend;
    this.codec = codec;
    this.tokens = tokens;
    this.secrets = secrets;
    this.clock = clock;
  }

  /** Now, at the microsecond precision every backend stores. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
