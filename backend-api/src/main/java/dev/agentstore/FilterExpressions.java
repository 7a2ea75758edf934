package dev.agentstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentstore.Query.JsonFilter;
import dev.agentstore.Query.JsonOperator;
import dev.agentstore.Query.TimeBound;
import dev.agentstore.Query.TimeField;
import dev.agentstore.model.ExecutionPhase;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text form of query conditions ({@link Query.Builder#filter(String)}): conditions joined by
 * {@code and}, each {@code path op literal}, {@code path [not] in (literals)},
 * {@code path between a and b}, {@code path contains "s"} or {@code path is [not] null}; the
 * pseudo-fields {@code metadata.createdAt}, {@code metadata.updatedAt}, {@code metadata.expiresAt} and (executions)
 * {@code phase}. Literals are JSON scalars; phases may be bare names.
 */
final class FilterExpressions {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private FilterExpressions() {}

  /** The metadata timestamp a path names, or null for a spec/status path. */
  static TimeField timeField(String path) {
    if ("metadata.createdAt".equals(path) || "createdAt".equals(path)) {
      return TimeField.CREATED_AT;
    }
    if ("metadata.updatedAt".equals(path) || "updatedAt".equals(path)) {
      return TimeField.UPDATED_AT;
    }
    if ("metadata.expiresAt".equals(path) || "expiresAt".equals(path)) {
      return TimeField.EXPIRES_AT;
    }
    return null;
  }

  /** Adds {@code path op value} to {@code b} as a time bound or a JSON filter. */
  static Query.Builder add(Query.Builder b, String path, JsonOperator op, JsonNode value) {
    TimeField t = timeField(path);
    if (t == null) {
      return b.add(new JsonFilter(JsonPath.parse(path), op, value));
    }
    if (!op.isComparison() || value == null || !value.isTextual()) {
      throw new InvalidArgumentException("filter " + path, "takes <, <=, >, >= or between with"
          + " a timestamp string");
    }
    Instant i;
    try {
      i = Instant.parse(value.textValue());
    } catch (DateTimeParseException e) {
      throw new InvalidArgumentException("filter " + path, "'" + Text.clip(value.textValue())
          + "' is not an ISO-8601 instant");
    }
    return b.add(new TimeBound(t, op, i));
  }

  /** Parses {@code text} and adds its conditions to {@code b}. */
  static void parse(String text, Query.Builder b) {
    if (text == null || text.isBlank()) {
      throw new InvalidArgumentException("filter", "must not be empty");
    }
    new Parser(text, b).all();
  }

  private static final class Parser {
    private final String text;
    private final Query.Builder builder;
    private final List<String> tokens = new ArrayList<>();
    private int next;

    Parser(String text, Query.Builder builder) {
      this.text = text;
      this.builder = builder;
      tokenize();
    }

    void all() {
      condition();
      while (next < tokens.size()) {
        expectWord("and");
        condition();
      }
    }

    private void condition() {
      String path = take("a field");
      if ("phase".equals(path)) {
        phase();
        return;
      }
      String op = take("an operator");
      switch (op.toLowerCase(Locale.ROOT)) {
        case "==" -> add(path, JsonOperator.EQUALS, literal());
        case "!=" -> add(path, JsonOperator.NOT_IN, NODES.arrayNode().add(literal()));
        case "<" -> add(path, JsonOperator.LESS_THAN, literal());
        case "<=" -> add(path, JsonOperator.LESS_OR_EQUAL, literal());
        case ">" -> add(path, JsonOperator.GREATER_THAN, literal());
        case ">=" -> add(path, JsonOperator.GREATER_OR_EQUAL, literal());
        case "in" -> add(path, JsonOperator.IN, list());
        case "not" -> {
          expectWord("in");
          add(path, JsonOperator.NOT_IN, list());
        }
        case "between" -> {
          JsonNode low = literal();
          expectWord("and");
          JsonNode high = literal();
          add(path, JsonOperator.GREATER_OR_EQUAL, low);
          add(path, JsonOperator.LESS_OR_EQUAL, high);
        }
        case "contains" -> add(path, JsonOperator.CONTAINS, literal());
        case "is" -> {
          String w = take("null or not null");
          if ("not".equalsIgnoreCase(w)) {
            expectWord("null");
            add(path, JsonOperator.IS_NOT_NULL, null);
          } else if ("null".equalsIgnoreCase(w)) {
            add(path, JsonOperator.IS_NULL, null);
          } else {
            throw bad("expected 'is null' or 'is not null' after " + path);
          }
        }
        default -> throw bad("unknown operator '" + Text.clip(op) + "' after " + path);
      }
    }

    private void add(String path, JsonOperator op, JsonNode value) {
      if (op == JsonOperator.EQUALS && value.isNull()) {
        op = JsonOperator.IS_NULL;
      }
      FilterExpressions.add(builder, path, op, value);
    }

    private void phase() {
      String op = take("an operator");
      List<ExecutionPhase> phases = new ArrayList<>();
      if ("==".equals(op)) {
        phases.add(phaseName(take("a phase")));
      } else if ("in".equalsIgnoreCase(op)) {
        expect("(");
        do {
          phases.add(phaseName(take("a phase")));
        } while (",".equals(peek()) && take(",") != null);
        expect(")");
      } else {
        throw bad("phase takes '== PHASE' or 'in (PHASE, ...)'");
      }
      builder.phaseIn(phases.toArray(new ExecutionPhase[0]));
    }

    private ExecutionPhase phaseName(String token) {
      String name = token.startsWith("\"") ? literalOf(token).asText() : token;
      try {
        return ExecutionPhase.valueOf(name);
      } catch (IllegalArgumentException e) {
        throw bad("unknown phase '" + Text.clip(name) + "'");
      }
    }

    private ArrayNode list() {
      expect("(");
      ArrayNode a = NODES.arrayNode();
      do {
        a.add(literal());
      } while (",".equals(peek()) && take(",") != null);
      expect(")");
      return a;
    }

    private JsonNode literal() {
      return literalOf(take("a JSON scalar"));
    }

    private JsonNode literalOf(String token) {
      if ("(".equals(token) || ")".equals(token) || ",".equals(token)) {
        throw bad("expected a JSON scalar, got '" + token + "'");
      }
      return JsonLiterals.parseScalar(token);
    }

    private String peek() {
      return next < tokens.size() ? tokens.get(next) : null;
    }

    private String take(String what) {
      if (next >= tokens.size()) {
        throw bad("expected " + what + " at the end");
      }
      return tokens.get(next++);
    }

    private void expect(String token) {
      String t = take("'" + token + "'");
      if (!token.equals(t)) {
        throw bad("expected '" + token + "', got '" + Text.clip(t) + "'");
      }
    }

    private void expectWord(String word) {
      String t = take("'" + word + "'");
      if (!word.equalsIgnoreCase(t)) {
        throw bad("expected '" + word + "', got '" + Text.clip(t) + "'");
      }
    }

    private InvalidArgumentException bad(String why) {
      return new InvalidArgumentException("filter", why + " in '" + Text.clip(text) + "'");
    }

    private void tokenize() {
      int i = 0;
      int n = text.length();
      while (i < n) {
        char c = text.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '(' || c == ')' || c == ',') {
          tokens.add(String.valueOf(c));
          i++;
        } else if (c == '=' || c == '!' || c == '<' || c == '>') {
          boolean two = i + 1 < n && text.charAt(i + 1) == '=';
          String op = text.substring(i, i + (two ? 2 : 1));
          if (op.equals("=") || op.equals("!")) {
            throw bad("unknown operator '" + op + "' (use == or !=)");
          }
          tokens.add(op);
          i += op.length();
        } else if (c == '"') {
          int j = i + 1;
          while (j < n && text.charAt(j) != '"') {
            j += text.charAt(j) == '\\' ? 2 : 1;
          }
          if (j >= n) {
            throw bad("unterminated string");
          }
          tokens.add(text.substring(i, j + 1));
          i = j + 1;
        } else {
          int j = i;
          while (j < n) {
            char d = text.charAt(j);
            if (Character.isWhitespace(d) || "()=!<>,".indexOf(d) >= 0) {
              break;
            }
            if (d == '"') {
              int close = text.indexOf('"', j + 1);
              if (close < 0) {
                throw bad("unterminated quoted segment");
              }
              j = close + 1;
            } else {
              j++;
            }
          }
          tokens.add(text.substring(i, j));
          i = j;
        }
      }
      if (tokens.size() > 4 * Query.MAX_JSON_FILTERS + 16) {
        throw new InvalidArgumentException("filter", "too long: at most " + Query.MAX_JSON_FILTERS
            + " conditions");
      }
    }
  }
}
