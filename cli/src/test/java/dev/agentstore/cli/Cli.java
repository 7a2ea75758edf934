package dev.agentstore.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the command line in-process, as {@code main} would, with captured output. */
final class Cli {
  /** What one run printed and returned. */
  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private final List<String> globals = new ArrayList<>();
  private final Map<String, String> env = new HashMap<>();
  private String input;

  /** A tool whose every run gets {@code --store uri} first. */
  static Cli on(String uri) {
    Cli c = new Cli();
    c.globals.add("--store");
    c.globals.add(uri);
    return c;
  }

  /** A tool with no global options. */
  static Cli bare() {
    return new Cli();
  }

  Cli global(String... args) {
    globals.addAll(List.of(args));
    return this;
  }

  Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** What the user types at a prompt (null: no terminal). */
  Cli input(String typed) {
    input = typed;
    return this;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(globals);
    all.addAll(List.of(args));
    BufferedReader in = input == null ? null : new BufferedReader(new StringReader(input));
    int code = AgentStoreCli.execute(all.toArray(String[]::new), new PrintWriter(out, true),
        new PrintWriter(err, true), env, in);
    return new Result(code, out.toString(), err.toString());
  }
}
