package dev.agentstore.sql;

import org.jooq.JSONB;
import org.jooq.impl.AbstractConverter;

/**
 * Presents a JSONB column as the JSON text the store already holds, so the shared SQL code binds
 * and reads plain strings while jOOQ still casts the bind value to {@code jsonb}. Named by the
 * jOOQ code generator's forced types.
 *
 * <p>Usage: {@code <converter>dev.agentstore.sql.JsonbStringConverter</converter>}
 */
public final class JsonbStringConverter extends AbstractConverter<JSONB, String> {
  private static final long serialVersionUID = 1L;

  /** The converter jOOQ instantiates. */
  public JsonbStringConverter() {
    super(JSONB.class, String.class);
  }

  @Override
  public String from(JSONB json) {
    return json == null ? null : json.data();
  }

  @Override
  public JSONB to(String text) {
    return text == null ? null : JSONB.jsonb(text);
  }
}
