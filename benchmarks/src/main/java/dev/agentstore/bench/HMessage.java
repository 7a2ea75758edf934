package dev.agentstore.bench;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Map;

/**
 * One message of a {@link HExecution} (a row of {@code h_message}).
 *
 * <p>Usage: {@code execution.messages.add(HMessage.of(CompareData.message(n, i)));}
 */
@Embeddable
public class HMessage {
  @Column(length = 16)
  String type;
  @Column(length = 4000)
  String content;
  @Column(name = "ts", length = 40)
  String timestamp;

  /** For Hibernate. */
  protected HMessage() {}

  /** The message the comparison's map form describes. */
  static HMessage of(Map<String, Object> m) {
    HMessage h = new HMessage();
    h.type = (String) m.get("type");
    h.content = (String) m.get("content");
    h.timestamp = (String) m.get("timestamp");
    return h;
  }
}
