package dev.agentstore.internal.artifacts;

import dev.agentstore.artifact.ArtifactKeys;
import dev.agentstore.artifact.ArtifactSummary;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Walks the files under a list prefix in full-key UTF-8 order, lazily, holding one sorted directory
 * listing per level. A directory sorts as its name plus {@code /}, which places it exactly where its
 * keys fall among its siblings' keys ("a-c" before "a/b", as on S3). Directories wholly before the
 * page token's key or outside the prefix are not entered.
 */
final class SortedKeyWalker implements Iterator<ArtifactSummary> {
  private record Entry(String sortKey, boolean directory, BasicFileAttributes attrs) {}

  private final Path root;
  private final String prefix;
  private final String after;
  private final Deque<Iterator<Entry>> stack = new ArrayDeque<>();
  private ArtifactSummary next;

  /** Walks keys starting with {@code prefix} and sorting after {@code after} (null: from the start). */
  SortedKeyWalker(Path root, String prefix, String after) throws IOException {
    this.root = root;
    this.prefix = prefix;
    this.after = after;
    String base = prefix.substring(0, prefix.lastIndexOf('/') + 1);
    if (ArtifactKeys.canPrefixAKey(prefix)) {
      stack.push(listSorted(base));
    }
    advance();
  }

  @Override
  public boolean hasNext() {
    return next != null;
  }

  @Override
  public ArtifactSummary next() {
    if (next == null) {
      throw new NoSuchElementException();
    }
    ArtifactSummary current = next;
    try {
      advance();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return current;
  }

  private void advance() throws IOException {
    next = null;
    while (!stack.isEmpty()) {
      Iterator<Entry> level = stack.peek();
      if (!level.hasNext()) {
        stack.pop();
        continue;
      }
      Entry e = level.next();
      if (e.directory()) {
        stack.push(listSorted(e.sortKey()));
      } else {
        next = new ArtifactSummary(e.sortKey(), e.attrs().size(), e.attrs().lastModifiedTime().toInstant());
        return;
      }
    }
  }

  private Iterator<Entry> listSorted(String base) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(base.isEmpty() ? root : root.resolve(base))) {
      for (Path child : dir) {
        String name = child.getFileName().toString();
        if (name.startsWith(ArtifactKeys.RESERVED_PREFIX)) {
          continue;
        }
        BasicFileAttributes attrs;
        try {
          attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException deletedMeanwhile) {
          continue;
        }
        Entry e = attrs.isDirectory() ? new Entry(base + name + "/", true, attrs)
            : attrs.isRegularFile() ? new Entry(base + name, false, attrs) : null;
        if (e != null && wanted(e)) {
          entries.add(e);
        }
      }
    } catch (NoSuchFileException deletedMeanwhile) {
      return List.<Entry>of().iterator();
    }
    entries.sort(Comparator.comparing(Entry::sortKey, ArtifactKeys.ORDER));
    return entries.iterator();
  }

  private boolean wanted(Entry e) {
    String s = e.sortKey();
    if (e.directory()) {
      boolean overlaps = s.startsWith(prefix) || prefix.startsWith(s);
      return overlaps && (after == null || after.startsWith(s) || ArtifactKeys.ORDER.compare(s, after) > 0);
    }
    return s.startsWith(prefix) && (after == null || ArtifactKeys.ORDER.compare(s, after) > 0);
  }
}
