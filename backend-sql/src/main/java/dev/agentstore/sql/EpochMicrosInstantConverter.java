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
    // Not ChronoUnit.MICROS.between: it goes through nanoseconds, which overflow a long about
    // 292 years from the epoch. Seconds times a million do not overflow in years 1 to 9999 (the
    // range the API accepts); the sub-microsecond rest is floored, as Instant's nano field is.
    return instant == null ? null
        : Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
            instant.getNano() / 1000);
  }
}
