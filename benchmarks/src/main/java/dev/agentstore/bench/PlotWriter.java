package dev.agentstore.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the report's PNG plots with plain Java2D (headless, no charting dependency): the
 * appendMessages and page scaling curves (median per size, whiskers from min to max, library
 * solid and raw JDBC dashed, per backend) and a bar chart of every library / raw ratio against
 * the 1.2× target.
 *
 * <p>Usage: {@code List<String> files = new PlotWriter(results).writeAll(outDir.resolve("plots"));}
 */
final class PlotWriter {
  private static final int W = 900;
  private static final int H = 560;
  private static final int LEFT = 90;
  private static final int RIGHT = 30;
  private static final int TOP = 60;
  private static final int BOTTOM = 100;
  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728),
      new Color(0x2ca02c), new Color(0x9467bd)};
  private final Results results;

  /** A plot writer over {@code results}. */
  PlotWriter(Results results) {
    this.results = results;
  }

  /** One curve: label, colour, dashed or not, and its points. */
  private record Series(String label, Color color, boolean dashed, List<double[]> points) {}

  /** Writes every plot that has data; returns the file names, relative to the output dir. */
  List<String> writeAll(Path dir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<String> written = new ArrayList<>();
    scaling(dir, "append-scaling.png", "appendMessages", "appendMessages: time per append vs"
        + " messages already held", "messages held by the execution (log scale)", written);
    scaling(dir, "page-scaling.png", "page (org + phase, 50)", "50-row page (org + phase filter)"
        + " vs table size", "rows in agent_executions (log scale)", written);
    ratios(dir, "ratios.png", written);
    return written;
  }

  private void scaling(Path dir, String file, String workload, String title, String xLabel,
      List<String> written) throws IOException {
    List<Series> series = new ArrayList<>();
    int color = 0;
    for (String backend : List.of("SQLite", "PostgreSQL")) {
      List<double[]> lib = new ArrayList<>();
      List<double[]> raw = new ArrayList<>();
      for (Result r : results.rows()) {
        if (r.backend().equals(backend) && r.workload().equals(workload)) {
          double x = Double.parseDouble(r.param());
          Stats l = r.sample().libStats();
          Stats w = r.sample().rawStats();
          lib.add(new double[] {x, l.median(), l.min(), l.max()});
          raw.add(new double[] {x, w.median(), w.min(), w.max()});
        }
      }
      if (!lib.isEmpty()) {
        series.add(new Series(backend + " library", COLORS[color], false, lib));
        series.add(new Series(backend + " raw JDBC", COLORS[color], true, raw));
      }
      color++;
    }
    if (series.isEmpty()) {
      return;
    }
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(img, title);
    double xMin = Double.MAX_VALUE;
    double xMax = 0;
    double yMax = 0;
    for (Series s : series) {
      for (double[] p : s.points()) {
        xMin = Math.min(xMin, p[0]);
        xMax = Math.max(xMax, p[0]);
        yMax = Math.max(yMax, p[3]);
      }
    }
    double lx0 = Math.floor(Math.log10(xMin));
    double lx1 = Math.ceil(Math.log10(xMax));
    if (lx1 <= lx0) {
      lx1 = lx0 + 1;
    }
    double yTop = niceCeiling(yMax * 1.1);
    int pw = W - LEFT - RIGHT;
    int ph = H - TOP - BOTTOM;
    axes(g, xLabel, "median µs per operation (whiskers: min–max)", yTop);
    for (double e = lx0; e <= lx1; e++) {
      int x = LEFT + (int) Math.round((e - lx0) / (lx1 - lx0) * pw);
      g.setColor(new Color(0xdddddd));
      g.drawLine(x, TOP, x, TOP + ph);
      g.setColor(Color.DARK_GRAY);
      centered(g, String.format(Locale.ROOT, "%,d", (long) Math.pow(10, e)), x, TOP + ph + 20);
    }
    for (Series s : series) {
      g.setColor(s.color());
      g.setStroke(s.dashed() ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
          1f, new float[] {8f, 6f}, 0f) : new BasicStroke(2.5f));
      int[] prev = null;
      for (double[] p : s.points()) {
        int x = LEFT + (int) Math.round((Math.log10(p[0]) - lx0) / (lx1 - lx0) * pw);
        int y = yPixel(p[1], yTop);
        if (prev != null) {
          g.drawLine(prev[0], prev[1], x, y);
        }
        Stroke keep = g.getStroke();
        g.setStroke(new BasicStroke(1.2f));
        g.drawLine(x, yPixel(p[2], yTop), x, yPixel(p[3], yTop));
        g.drawLine(x - 4, yPixel(p[2], yTop), x + 4, yPixel(p[2], yTop));
        g.drawLine(x - 4, yPixel(p[3], yTop), x + 4, yPixel(p[3], yTop));
        g.fillOval(x - 4, y - 4, 8, 8);
        g.setStroke(keep);
        prev = new int[] {x, y};
      }
    }
    legend(g, series);
    save(img, g, dir, file, written);
  }

  private void ratios(Path dir, String file, List<String> written) throws IOException {
    List<String> labels = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    List<Color> colors = new ArrayList<>();
    for (Result r : results.rows()) {
      if (!r.unit().equals("µs/op")) {
        continue;
      }
      Stats ratio = r.sample().ratio();
      labels.add(r.backend() + ": " + r.workload() + (r.param().isEmpty() ? ""
          : String.format(Locale.ROOT, " @ %,d", Long.parseLong(r.param()))));
      values.add(new double[] {ratio.median(), ratio.min(), ratio.max()});
      colors.add(r.backend().equals("SQLite") ? COLORS[0] : COLORS[1]);
    }
    if (labels.isEmpty()) {
      return;
    }
    int rowH = 22;
    int left = 330;
    int height = TOP + BOTTOM + rowH * labels.size();
    BufferedImage img = new BufferedImage(W, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(img,
        "library / raw JDBC time per operation (median; whiskers: min–max)");
    double max = 1.5;
    for (double[] v : values) {
      max = Math.max(max, v[2]);
    }
    max = niceCeiling(max * 1.05);
    int pw = W - left - RIGHT;
    int bottom = TOP + rowH * labels.size();
    for (double t = 0; t <= max + 1e-9; t += tick(max)) {
      int x = left + (int) Math.round(t / max * pw);
      g.setColor(new Color(0xdddddd));
      g.drawLine(x, TOP, x, bottom);
      g.setColor(Color.DARK_GRAY);
      centered(g, String.format(Locale.ROOT, "%.1f×", t), x, bottom + 18);
    }
    for (int i = 0; i < labels.size(); i++) {
      int y = TOP + i * rowH;
      double[] v = values.get(i);
      g.setColor(colors.get(i));
      g.fillRect(left, y + 4, (int) Math.round(v[0] / max * pw), rowH - 8);
      g.setColor(Color.BLACK);
      int x0 = left + (int) Math.round(v[1] / max * pw);
      int x1 = left + (int) Math.round(v[2] / max * pw);
      g.drawLine(x0, y + rowH / 2, x1, y + rowH / 2);
      g.setColor(Color.DARK_GRAY);
      FontMetrics fm = g.getFontMetrics();
      String label = labels.get(i);
      g.drawString(label, left - 8 - fm.stringWidth(label), y + rowH / 2 + 5);
    }
    int tx = left + (int) Math.round(Target.SINGLE_OP.threshold / max * pw);
    g.setColor(new Color(0xff7f0e));
    g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
        new float[] {6f, 4f}, 0f));
    g.drawLine(tx, TOP - 5, tx, bottom);
    g.drawString("target 1.2×", tx + 4, TOP - 8);
    g.setColor(Color.DARK_GRAY);
    centered(g, "library time / raw JDBC time (1.0 = same as raw)", left + pw / 2, bottom + 45);
    save(img, g, dir, file, written);
  }

  private static Graphics2D canvas(BufferedImage img, String title) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    centered(g, title, img.getWidth() / 2, 30);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    return g;
  }

  private static void axes(Graphics2D g, String xLabel, String yLabel, double yTop) {
    int ph = H - TOP - BOTTOM;
    g.setColor(Color.BLACK);
    g.drawLine(LEFT, TOP, LEFT, TOP + ph);
    g.drawLine(LEFT, TOP + ph, W - RIGHT, TOP + ph);
    for (double t = 0; t <= yTop + 1e-9; t += tick(yTop)) {
      int y = yPixel(t, yTop);
      g.setColor(new Color(0xdddddd));
      g.drawLine(LEFT + 1, y, W - RIGHT, y);
      g.setColor(Color.DARK_GRAY);
      String s = t >= 100 ? String.format(Locale.ROOT, "%,.0f", t)
          : String.format(Locale.ROOT, "%.1f", t);
      g.drawString(s, LEFT - 8 - g.getFontMetrics().stringWidth(s), y + 4);
    }
    centered(g, xLabel, LEFT + (W - LEFT - RIGHT) / 2, H - 45);
    Graphics2D r = (Graphics2D) g.create();
    r.rotate(-Math.PI / 2);
    centered(r, yLabel, -(TOP + ph / 2), 22);
    r.dispose();
  }

  /** One row of legend entries under the x-axis label. */
  private static void legend(Graphics2D g, List<Series> series) {
    int slot = (W - LEFT - RIGHT) / Math.max(1, series.size());
    int x = LEFT;
    int y = H - 12;
    for (Series s : series) {
      g.setColor(s.color());
      g.setStroke(s.dashed() ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
          1f, new float[] {8f, 6f}, 0f) : new BasicStroke(2.5f));
      g.drawLine(x, y - 4, x + 30, y - 4);
      g.setColor(Color.BLACK);
      g.drawString(s.label(), x + 38, y);
      x += slot;
    }
  }

  private static int yPixel(double v, double yTop) {
    int ph = H - TOP - BOTTOM;
    return TOP + ph - (int) Math.round(v / yTop * ph);
  }

  private static void centered(Graphics2D g, String s, int x, int y) {
    g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, y);
  }

  /** 1, 2 or 5 times a power of ten, at or above {@code v}. */
  static double niceCeiling(double v) {
    if (v <= 0 || Double.isNaN(v)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static double tick(double top) {
    return niceCeiling(top) / 5;
  }

  private static void save(BufferedImage img, Graphics2D g, Path dir, String file,
      List<String> written) throws IOException {
    g.dispose();
    ImageIO.write(img, "png", dir.resolve(file).toFile());
    written.add("plots/" + file);
  }
}
