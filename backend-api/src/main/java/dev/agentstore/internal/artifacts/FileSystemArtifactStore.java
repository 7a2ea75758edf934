package dev.agentstore.internal.artifacts;

import dev.agentstore.FailedPreconditionException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.NotFoundException;
import dev.agentstore.UnavailableException;
import dev.agentstore.artifact.ArtifactInfo;
import dev.agentstore.artifact.ArtifactKeys;
import dev.agentstore.artifact.ArtifactPage;
import dev.agentstore.artifact.ArtifactPutOptions;
import dev.agentstore.artifact.ArtifactRange;
import dev.agentstore.artifact.ArtifactRef;
import dev.agentstore.artifact.ArtifactStore;
import dev.agentstore.artifact.ArtifactSummary;
import dev.agentstore.spi.ArtifactPageTokens;
import dev.agentstore.spi.ArtifactSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The built-in artifact store: key {@code <scope>/<name>} is the plain file {@code <root>/<scope>/<name>}.
 *
 * <p>A put streams into {@code .agentstore-tmp-<random>} beside the target, checks size and
 * SHA-256, stores digest, content type and metadata in the file's extended attribute, fsyncs, and
 * renames it over the target atomically, then fsyncs the directory. A reader holding the old file
 * open keeps reading the old bytes. Temporary files older than an hour are removed on open (an hour,
 * because another process sharing the directory may be writing one right now). The file system must
 * support user extended attributes (ext4, XFS, Btrfs, ZFS, APFS, NTFS, NFS 4.2 do); open checks.
 *
 * <p>Usage: {@code ArtifactStore store = FileSystemArtifactStore.open(Path.of("/var/lib/agentstore/artifacts"));}
 */
public final class FileSystemArtifactStore implements ArtifactStore {
  /** Name prefix of temporary files; reserved by {@link ArtifactKeys}. */
  static final String TEMP_PREFIX = ArtifactKeys.RESERVED_PREFIX + "-tmp-";
  /** Temporary files older than this are a crashed writer's leftovers. */
  static final Duration TEMP_FILE_GRACE = Duration.ofHours(1);
  private static final int BUFFER_BYTES = 256 * 1024;
  private static final int HEAD_ATTEMPTS = 5;
  private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

  private final Path root;
  /** Signs list page tokens with a key made per instance: tokens do not survive a restart. */
  private final ArtifactPageTokens pageTokens = new ArtifactPageTokens();

  private FileSystemArtifactStore(Path root) {
    this.root = root;
  }

  /**
   * Opens (creating if needed) the store rooted at {@code dir} and removes crash leftovers.
   *
   * @throws UnavailableException if the directory cannot be created or lacks extended attributes
   */
  public static FileSystemArtifactStore open(Path dir) {
    Objects.requireNonNull(dir, "dir");
    Path root;
    try {
      root = Files.createDirectories(dir).toRealPath();
      probeAttributes(root);
      sweepTempFiles(root, Instant.now().minus(TEMP_FILE_GRACE));
    } catch (IOException e) {
      throw new UnavailableException("cannot open artifact directory " + dir + ": " + e, e);
    }
    return new FileSystemArtifactStore(root);
  }

  /** The directory holding the artifacts. */
  public Path root() {
    return root;
  }

  @Override
  public ArtifactRef put(String key, InputStream content, ArtifactPutOptions options) {
    ArtifactKeys.requireValidKey(key);
    ArtifactKeys.requirePresent(options, "options");
    return write(path(key).getParent(), key, new ArtifactSource(key, content), options);
  }

  @Override
  public ArtifactRef putContentAddressed(String folder, InputStream content, ArtifactPutOptions options) {
    ArtifactKeys.requireValidFolder(folder);
    ArtifactKeys.requirePresent(options, "options");
    Optional<ArtifactInfo> existing = options.expectedSha256().flatMap(sha -> head(folder + sha));
    if (existing.isPresent()) {
      return existing.get().ref();
    }
    return write(path(folder), null, new ArtifactSource(folder, content), options);
  }

  /** Streams into a temporary file in {@code dir} and renames it to {@code key} (null: from the digest). */
  private ArtifactRef write(Path dir, String key, ArtifactSource source, ArtifactPutOptions options) {
    Path temp = null;
    try {
      temp = createTempFile(dir);
      String finalKey;
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        copy(source, out);
        if (out.size() != source.size()) {
          throw new UnavailableException("wrote " + source.size() + " bytes but " + temp + " holds " + out.size());
        }
        source.verify(options.expectedSha256());
        finalKey = key != null ? key : folderKey(dir) + source.sha256();
        new StoredAttributes(source.sha256(), options.contentType(), options.metadata()).writeTo(temp);
        out.force(true);
      }
      Path target = path(finalKey);
      if (key == null && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
        return head(finalKey).orElseThrow().ref();
      }
      if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new FailedPreconditionException("artifact key \"" + finalKey + "\" is already a folder of other artifacts");
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
      fsyncDirectory(dir);
      return new ArtifactRef(finalKey, target.toUri(), source.size(), source.sha256(), options.contentType());
    } catch (IOException e) {
      throw new UnavailableException("storing artifact under " + dir + " failed: " + e, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /** The key prefix ("a/b/") of a directory under the root. */
  private String folderKey(Path dir) {
    String relative = root.relativize(dir).toString().replace(dir.getFileSystem().getSeparator(), "/");
    return relative.isEmpty() ? "" : relative + "/";
  }

  private static void copy(ArtifactSource source, FileChannel out) throws IOException {
    byte[] buf = new byte[BUFFER_BYTES];
    ByteBuffer wrapped = ByteBuffer.wrap(buf);
    for (int n; (n = source.read(buf, 0, buf.length)) >= 0; ) {
      wrapped.clear().limit(n);
      while (wrapped.hasRemaining()) {
        out.write(wrapped);
      }
    }
  }

  /** Creates the directories and a fresh temporary file, retrying if a concurrent delete prunes the directory. */
  private Path createTempFile(Path dir) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        Files.createDirectories(dir);
        return Files.createFile(dir.resolve(TEMP_PREFIX + UUID.randomUUID()));
      } catch (FileAlreadyExistsException e) {
        throw new FailedPreconditionException("artifact folder \"" + folderKey(dir) + "\" runs through an existing artifact "
            + e.getFile() + "; a key cannot be both an artifact and a folder", e);
      } catch (NoSuchFileException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  @Override
  public InputStream get(String key) {
    FileChannel in = openForRead(key);
    return Channels.newInputStream(in);
  }

  @Override
  public InputStream get(String key, ArtifactRange range) {
    ArtifactKeys.requirePresent(range, "range");
    FileChannel in = openForRead(key);
    try {
      long length = range.lengthWithin(key, in.size());
      in.position(range.offset());
      return new BoundedInputStream(Channels.newInputStream(in), length);
    } catch (IOException | RuntimeException e) {
      closeQuietly(in);
      throw e instanceof IOException io ? unavailable(key, io) : (RuntimeException) e;
    }
  }

  private FileChannel openForRead(String key) {
    Path file = path(ArtifactKeys.requireValidKey(key));
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw notFound(key);
    }
    try {
      return FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw notFound(key);
    } catch (IOException e) {
      throw unavailable(key, e);
    }
  }

  /**
   * Reads size and attributes by path; the file's identity (inode) is read before and after, so a
   * rename in between is noticed and the read repeated rather than mixing two versions.
   */
  @Override
  public Optional<ArtifactInfo> head(String key) {
    Path file = path(ArtifactKeys.requireValidKey(key));
    try {
      for (int attempt = 0; attempt < HEAD_ATTEMPTS; attempt++) {
        BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!before.isRegularFile()) {
          return Optional.empty();
        }
        Optional<StoredAttributes> stored = StoredAttributes.readFrom(file);
        BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (Objects.equals(before.fileKey(), after.fileKey()) && before.size() == after.size()) {
          StoredAttributes attrs = stored.orElseGet(() -> recompute(file));
          return Optional.of(new ArtifactInfo(key, file.toUri(), after.size(), attrs.sha256(), attrs.contentType(),
              attrs.metadata(), after.lastModifiedTime().toInstant()));
        }
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw unavailable(key, e);
    }
    throw new UnavailableException("artifact \"" + key + "\" kept changing while its attributes were read; try again");
  }

  /** Attributes for a file that lost its extended attribute (restored by a tool that drops them). */
  private static StoredAttributes recompute(Path file) {
    MessageDigest sha = ArtifactSource.newSha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[BUFFER_BYTES];
      for (int n; (n = in.read(buf)) > 0; ) {
        sha.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new StoredAttributes(HexFormat.of().formatHex(sha.digest()), ArtifactPutOptions.DEFAULT_CONTENT_TYPE, Map.of());
  }

  @Override
  public ArtifactPage list(String prefix, String pageToken, int pageSize) {
    ArtifactKeys.requireValidListPrefix(prefix);
    ArtifactPageTokens.requirePageSize(pageSize);
    String after = pageTokens.decode(prefix, pageToken).orElse(null);
    try {
      SortedKeyWalker walker = new SortedKeyWalker(root, prefix, after);
      List<ArtifactSummary> items = new ArrayList<>();
      while (items.size() < pageSize && walker.hasNext()) {
        items.add(walker.next());
      }
      String next = walker.hasNext() ? pageTokens.encode(prefix, items.get(items.size() - 1).key()) : null;
      return new ArtifactPage(items, next);
    } catch (IOException e) {
      throw unavailable(prefix, e);
    } catch (UncheckedIOException e) {
      throw unavailable(prefix, e.getCause());
    }
  }

  @Override
  public boolean delete(String key) {
    Path file = path(ArtifactKeys.requireValidKey(key));
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !Files.deleteIfExists(file)) {
        return false;
      }
      fsyncDirectory(file.getParent());
      pruneEmptyDirectories(file.getParent());
      return true;
    } catch (IOException e) {
      throw unavailable(key, e);
    }
  }

  @Override
  public long deletePrefix(String folder) {
    Path dir = path(ArtifactKeys.requireValidFolder(folder));
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    long[] deleted = {0};
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          // Temporary files belong to writes in progress; they rename themselves into place or vanish.
          if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(ArtifactKeys.RESERVED_PREFIX)
              && Files.deleteIfExists(file)) {
            deleted[0]++;
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          if (e != null && !(e instanceof NoSuchFileException)) {
            throw e;
          }
          fsyncDirectory(d);
          deleteEmptyDirectory(d);
          return FileVisitResult.CONTINUE;
        }
      });
      pruneEmptyDirectories(dir.getParent());
    } catch (NoSuchFileException ignored) {
      // removed concurrently: nothing more to delete
    } catch (IOException e) {
      throw unavailable(folder, e);
    }
    return deleted[0];
  }

  /** Removes now-empty directories from {@code dir} up to (not including) the root. */
  private void pruneEmptyDirectories(Path dir) throws IOException {
    for (Path d = dir; d != null && d.startsWith(root) && !d.equals(root); d = d.getParent()) {
      if (!deleteEmptyDirectory(d)) {
        return;
      }
    }
  }

  private static boolean deleteEmptyDirectory(Path dir) throws IOException {
    try {
      Files.deleteIfExists(dir);
      return true;
    } catch (DirectoryNotEmptyException e) {
      return false;
    }
  }

  /** The file for a key or folder; validated keys cannot leave the root, checked again here anyway. */
  private Path path(String relative) {
    try {
      Path p = root.resolve(relative).normalize();
      if (!p.startsWith(root)) {
        throw new InvalidArgumentException("artifact key \"" + relative + "\" leaves the store");
      }
      return p;
    } catch (InvalidPathException e) {
      throw new InvalidArgumentException("artifact key \"" + relative + "\" is not a valid file name here: " + e.getReason(), e);
    }
  }

  /** Makes a rename or delete durable; Windows cannot open directories and journals renames itself. */
  private static void fsyncDirectory(Path dir) throws IOException {
    if (WINDOWS) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** Fails fast on a file system without user extended attributes, before any artifact is written. */
  private static void probeAttributes(Path root) throws IOException {
    Path probe = root.resolve(TEMP_PREFIX + "probe-" + UUID.randomUUID());
    try {
      Files.createFile(probe);
      new StoredAttributes("", ArtifactPutOptions.DEFAULT_CONTENT_TYPE, Map.of()).writeTo(probe);
    } catch (IOException | UnsupportedOperationException e) {
      throw new UnavailableException("the file system of " + root + " does not support user extended attributes,"
          + " which the artifact store needs to keep metadata atomic with content: " + e, e);
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  /** Deletes temporary files last modified before {@code cutoff}: writers that crashed. */
  static void sweepTempFiles(Path root, Instant cutoff) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (file.getFileName().toString().startsWith(TEMP_PREFIX) && attrs.lastModifiedTime().toInstant().isBefore(cutoff)) {
          Files.deleteIfExists(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }
    });
  }

  private static NotFoundException notFound(String key) {
    return new NotFoundException("no artifact \"" + key + "\"");
  }

  private static UnavailableException unavailable(String key, IOException e) {
    return new UnavailableException("artifact store I/O failed for \"" + key + "\": " + e, e);
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // the original error matters more
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover temporary file is swept on the next open
    }
  }

  @Override
  public String toString() {
    return "FileSystemArtifactStore[" + root + "]";
  }
}
