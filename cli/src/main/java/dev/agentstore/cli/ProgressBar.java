package dev.agentstore.cli;

import dev.agentstore.ProgressListener;
import java.io.PrintWriter;

/**
 * The progress of {@code export}, {@code import} and {@code copy} on stderr: a bar redrawn in
 * place when stderr is a terminal or {@code --progress} asks for it
 * ({@code copying resources/Agent [######......]  50% 250/500}), otherwise one plain line per
 * finished section ({@code copying resources/Agent: 500/500}).
 */
final class ProgressBar implements ProgressListener {
  private static final int BAR = 30;
  private final PrintWriter err;
  private final String verb;
  private final boolean redraw;
  private Progress last;
  private int width;

  /** The {@code --progress} option, mixed into the commands that report progress. */
  static final class Option {
    @picocli.CommandLine.Option(names = "--progress",
        description = "Draw a progress bar on stderr even when it is not a terminal (without"
            + " a terminal the default is one plain line per finished section).")
    boolean progress;

    ProgressBar on(AgentStoreCli root, PrintWriter err, String verb) {
      return new ProgressBar(err, verb, progress || root.terminal());
    }
  }

  ProgressBar(PrintWriter err, String verb, boolean redraw) {
    this.err = err;
    this.verb = verb;
    this.redraw = redraw;
  }

  @Override
  public void progress(Progress p) {
    if (redraw) {
      String line = verb + " " + describe(p, true);
      err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
      width = line.length();
      err.flush();
    } else if (last != null && !last.section().equals(p.section())) {
      plain(last);
    }
    last = p;
  }

  /** Ends the output: the bar's line, or the plain line of the last section. */
  void finish() {
    if (redraw && last != null) {
      err.println();
    } else if (last != null) {
      plain(last);
    }
    err.flush();
    last = null;
  }

  private void plain(Progress p) {
    err.println(verb + " " + describe(p, false));
    err.flush();
  }

  private static String describe(Progress p, boolean bar) {
    StringBuilder s = new StringBuilder(p.section());
    if (p.total() >= 0) {
      long total = Math.max(p.total(), p.done());
      if (bar) {
        int filled = total == 0 ? BAR : (int) (BAR * p.done() / total);
        long percent = total == 0 ? 100 : 100 * p.done() / total;
        s.append(String.format(" [%s%s] %3d%% %d/%d", "#".repeat(filled),
            ".".repeat(BAR - filled), percent, p.done(), total));
      } else {
        s.append(": ").append(p.done()).append('/').append(total);
      }
    } else {
      s.append(bar ? " " : ": ").append(p.done());
    }
    if (p.bytes() > 0) {
      s.append(String.format(" (%.1f MiB)", p.bytes() / 1048576.0));
    }
    return s.toString();
  }
}
