package dev.agentstore;

import java.util.ArrayList;
import java.util.List;

/**
 * A Kubernetes label selector: comma-separated requirements {@code k=v}, {@code k==v},
 * {@code k!=v}, {@code k in (a,b)}, {@code k notin (a,b)}, {@code k} (exists) and {@code !k}
 * (does not exist). {@code !=} and {@code notin} also match resources without the key.
 *
 * <p>Usage: {@code LabelSelector s = LabelSelector.parse("env=prod,tier!=free,team in (a,b),!deprecated");}
 *
 * @param requirements all must hold (logical AND)
 */
public record LabelSelector(List<Requirement> requirements) {
  /** The most requirements one selector may have. */
  public static final int MAX_REQUIREMENTS = 64;
  /** The most values all {@code in}/{@code notin} sets of one selector may list together. */
  public static final int MAX_VALUES = 256;

  /** How a requirement compares the label. */
  public enum Operator {
    EQUALS,
    NOT_EQUALS,
    IN,
    NOT_IN,
    EXISTS,
    DOES_NOT_EXIST
  }

  /**
   * One requirement on one label key.
   *
   * @param key the label key
   * @param operator the comparison
   * @param values the values compared against (empty for EXISTS / DOES_NOT_EXIST)
   */
  public record Requirement(String key, Operator operator, List<String> values) {
    /** Validates the key and values. */
    public Requirement {
      String p = Labels.keyProblem(key);
      if (p != null) {
        throw new InvalidArgumentException("labelSelector", p);
      }
      if (operator == null || values == null) {
        throw new InvalidArgumentException("labelSelector", "operator and values must not be null");
      }
      if (values.stream().anyMatch(java.util.Objects::isNull)) {
        throw new InvalidArgumentException("labelSelector", Labels.valueProblem(null));
      }
      for (String v : values) {
        String vp = Labels.valueProblem(v);
        if (vp != null) {
          throw new InvalidArgumentException("labelSelector", vp);
        }
      }
      values = List.copyOf(values);
      boolean needsValues = operator != Operator.EXISTS && operator != Operator.DOES_NOT_EXIST;
      if (needsValues == values.isEmpty()) {
        throw new InvalidArgumentException("labelSelector", "operator " + operator + " on '" + key
            + "' takes " + (needsValues ? "at least one value" : "no values"));
      }
      if ((operator == Operator.EQUALS || operator == Operator.NOT_EQUALS) && values.size() != 1) {
        throw new InvalidArgumentException("labelSelector", "operator " + operator + " takes one value");
      }
    }
  }

  /** Copies the list and checks the limits. */
  public LabelSelector {
    if (requirements == null) {
      throw new InvalidArgumentException("labelSelector", "requirements must not be null");
    }
    if (requirements.stream().anyMatch(java.util.Objects::isNull)) {
      throw new InvalidArgumentException("labelSelector", "requirements must not contain null");
    }
    requirements = List.copyOf(requirements);
    if (requirements.size() > MAX_REQUIREMENTS) {
      throw new InvalidArgumentException("labelSelector", "at most " + MAX_REQUIREMENTS
          + " requirements, got " + requirements.size());
    }
    int values = 0;
    for (Requirement r : requirements) {
      values += r.values().size();
    }
    if (values > MAX_VALUES) {
      throw new InvalidArgumentException("labelSelector", "at most " + MAX_VALUES
          + " values in all, got " + values);
    }
  }

  /** Parses the Kubernetes selector syntax; a syntax error says where. */
  public static LabelSelector parse(String text) {
    if (text == null) {
      throw new InvalidArgumentException("labelSelector", "must not be null");
    }
    return new Parser(text).parse();
  }

  /** The canonical text of this selector (stable, used to bind page tokens). */
  public String canonical() {
    StringBuilder b = new StringBuilder();
    for (Requirement r : requirements) {
      if (b.length() > 0) {
        b.append(',');
      }
      switch (r.operator()) {
        case EQUALS -> b.append(r.key()).append('=').append(r.values().get(0));
        case NOT_EQUALS -> b.append(r.key()).append("!=").append(r.values().get(0));
        case IN -> b.append(r.key()).append(" in (").append(String.join(",", r.values())).append(')');
        case NOT_IN ->
            b.append(r.key()).append(" notin (").append(String.join(",", r.values())).append(')');
        case EXISTS -> b.append(r.key());
        case DOES_NOT_EXIST -> b.append('!').append(r.key());
        default -> throw new IllegalStateException();
      }
    }
    return b.toString();
  }

  /** A hand-written tokenizer and parser for the selector grammar. */
  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    LabelSelector parse() {
      List<Requirement> out = new ArrayList<>();
      skipSpace();
      if (pos == s.length()) {
        return new LabelSelector(out);
      }
      while (true) {
        out.add(requirement());
        if (out.size() > MAX_REQUIREMENTS) {
          throw error("more than " + MAX_REQUIREMENTS + " requirements");
        }
        skipSpace();
        if (pos == s.length()) {
          return new LabelSelector(out);
        }
        expect(',');
      }
    }

    private Requirement requirement() {
      skipSpace();
      if (peek('!')) {
        pos++;
        String key = word("a label key after '!'");
        return new Requirement(key, Operator.DOES_NOT_EXIST, List.of());
      }
      String key = word("a label key");
      skipSpace();
      if (pos == s.length() || peek(',')) {
        return new Requirement(key, Operator.EXISTS, List.of());
      }
      if (s.startsWith("==", pos)) {
        pos += 2;
        return new Requirement(key, Operator.EQUALS, List.of(value()));
      }
      if (s.startsWith("!=", pos)) {
        pos += 2;
        return new Requirement(key, Operator.NOT_EQUALS, List.of(value()));
      }
      if (peek('=')) {
        pos++;
        return new Requirement(key, Operator.EQUALS, List.of(value()));
      }
      String op = word("an operator (=, ==, !=, in, notin)");
      Operator operator = switch (op) {
        case "in" -> Operator.IN;
        case "notin" -> Operator.NOT_IN;
        default -> throw error("unknown operator '" + op + "'");
      };
      skipSpace();
      expect('(');
      List<String> values = new ArrayList<>();
      while (true) {
        String v = value();
        if (v.isEmpty()) {
          throw error("expected a value in the set of '" + key + "'");
        }
        values.add(v);
        skipSpace();
        if (peek(')')) {
          pos++;
          return new Requirement(key, operator, values);
        }
        expect(',');
      }
    }

    private String value() {
      skipSpace();
      int start = pos;
      while (pos < s.length() && isWordChar(s.charAt(pos))) {
        pos++;
      }
      return s.substring(start, pos);
    }

    private String word(String what) {
      skipSpace();
      int start = pos;
      while (pos < s.length() && isWordChar(s.charAt(pos))) {
        pos++;
      }
      if (start == pos) {
        throw error("expected " + what);
      }
      return s.substring(start, pos);
    }

    private static boolean isWordChar(char c) {
      return Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '_' || c == '-' || c == '/';
    }

    private void expect(char c) {
      skipSpace();
      if (!peek(c)) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private boolean peek(char c) {
      return pos < s.length() && s.charAt(pos) == c;
    }

    private void skipSpace() {
      while (pos < s.length() && s.charAt(pos) == ' ') {
        pos++;
      }
    }

    private InvalidArgumentException error(String what) {
      return new InvalidArgumentException("labelSelector", what + " at position " + pos
          + " of '" + Text.clip(s) + "'");
    }
  }
}
