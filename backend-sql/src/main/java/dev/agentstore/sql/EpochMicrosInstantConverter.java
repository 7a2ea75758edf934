package dev.agentstore.sql;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jooq.impl.AbstractConverter;

/**
 * Stores an {@link Instant} as microseconds since the epoch in a BIGINT column (SQLite has no
 * timestamp type). Named by the jOOQ code generator's forced types.
 *
 * <p>Usage: {@code <converter>dev.agentstore.sql.EpochMicrosInstantConverter</converter>}
 */
public final class EpochMicrosInstantConverter extends AbstractConverter<Long, Instant> {
  private static final long serialVersionUID = 1L;

  /** The converter jOOQ instantiates. */
  public EpochMicrosInstantConverter() {
    super(Long.class, Instant.class);
  }

  @Override
  public Instant from(Long micros) {
    return micros == null ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  @Override
  public Long to(Instant instant) {
    return instant == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }
}
