package dev.agentstore.bench;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One tool call of a {@link HExecution} (a row of {@code h_tool_call}), upserted by its id.
 *
 * <p>Usage: {@code execution.toolCalls.add(HToolCall.of(CompareData.toolCall(n, 0, false)));}
 */
@Embeddable
public class HToolCall {
  @Column(name = "call_id", length = 255)
  String callId;
  @Column(length = 100)
  String name;
  @Column(length = 16)
  String status;
  @JdbcTypeCode(SqlTypes.JSON)
  Map<String, Object> args;
  @Column(length = 4000)
  String result;
  @Column(name = "completed_at", length = 40)
  String completedAt;

  /** For Hibernate. */
  protected HToolCall() {}

  /** The tool call the comparison's map form describes. */
  @SuppressWarnings("unchecked")
  static HToolCall of(Map<String, Object> m) {
    HToolCall h = new HToolCall();
    h.callId = (String) m.get("id");
    h.name = (String) m.get("name");
    h.status = (String) m.get("status");
    h.args = (Map<String, Object>) m.get("args");
    h.result = (String) m.get("result");
    h.completedAt = (String) m.get("completedAt");
    return h;
  }
}
