package dev.agentstore.secret;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.agentstore.SecretsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Keys from a Tink keyset stored as cleartext JSON in a file readable by its owner only (mode
 * 0600; a file group or others can read is refused). The local backend's default is
 * {@code <data dir>/master.key}, created on first open. A new file is written to a temporary
 * file with mode 0600 and linked into place, so two processes opening at once agree on one key
 * and no reader ever sees a partial file. The static helpers rotate a file's keys.
 *
 * <p>Usage: {@code AgentStore.builder().uri(uri).keyProvider(KeysetFileKeyProvider.existing(Path.of("/etc/agentstore/master.key"))).open()}
 */
public final class KeysetFileKeyProvider implements KeyProvider {
  /** The file name of the local default, inside the data directory. */
  public static final String DEFAULT_FILE_NAME = "master.key";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  static {
    SecretKeys.ensureRegistered();
  }

  private final Path file;
  private final boolean create;

  private KeysetFileKeyProvider(Path file, boolean create) {
    this.file = file;
    this.create = create;
  }

  /** Reads {@code file}; a missing file is an error. */
  public static KeysetFileKeyProvider existing(Path file) {
    return new KeysetFileKeyProvider(requirePath(file), false);
  }

  /**
   * Reads {@code file}, creating it with a new AES256_GCM key when it is missing and the store
   * holds no secrets yet (a new key could not open existing ones).
   */
  public static KeysetFileKeyProvider createIfMissing(Path file) {
    return new KeysetFileKeyProvider(requirePath(file), true);
  }

  /** The local default: {@code <data dir>/master.key}, created on first open. */
  public static KeysetFileKeyProvider inDataDirectory() {
    return new KeysetFileKeyProvider(null, true);
  }

  @Override
  public Optional<SecretKeys> keys(Context context) {
    Path target = file;
    if (target == null) {
      target = context.dataDirectory().map(d -> d.resolve(DEFAULT_FILE_NAME)).orElseThrow(() ->
          new SecretsException("this backend has no data directory for " + DEFAULT_FILE_NAME
              + "; configure a key provider (a keyset file path, an environment variable or a"
              + " KMS Aead)"));
    }
    if (!Files.exists(target)) {
      if (!create) {
        throw new SecretsException("keyset file " + target + " does not exist");
      }
      if (context.storeHoldsSecrets()) {
        throw new SecretsException("keyset file " + target + " does not exist, but this store"
            + " holds secrets sealed with a key: restore the file from a backup (a new key"
            + " could not open them)");
      }
      createNew(target);
    }
    return Optional.of(SecretKeys.of(read(target), "keyset file " + target));
  }

  /** Reads and parses a keyset file after checking its permissions. */
  public static KeysetHandle read(Path file) {
    requireOwnerOnly(file);
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SecretsException("keyset file " + file + " does not exist");
    } catch (IOException e) {
      throw new SecretsException("keyset file " + file + " cannot be read: " + e.getMessage());
    }
    return parse(json, "keyset file " + file);
  }

  /** Parses a cleartext Tink JSON keyset; the error never echoes the text. */
  static KeysetHandle parse(String json, String source) {
    try {
      return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new SecretsException(source + " is not a valid Tink JSON keyset ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Adds a new AES256_GCM key to the keyset file and makes it primary; older keys stay to open
   * what they sealed. Returns the new key id. Reopen stores, then run
   * {@code store.secrets().reencryptAll()}.
   */
  public static int addPrimaryKey(Path file) {
    KeysetHandle current = read(file);
    KeysetHandle.Builder b = KeysetHandle.newBuilder(current);
    b.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
        .withRandomId().makePrimary());
    KeysetHandle next = build(b, file);
    replace(file, next);
    return next.getPrimary().getId();
  }

  /**
   * Removes a non-primary key from the keyset file, after {@code reencryptAll()} has moved every
   * secret off it. Values it sealed can never be opened again.
   */
  public static void removeKey(Path file, int keyId) {
    KeysetHandle current = read(file);
    KeysetHandle.Builder b = KeysetHandle.newBuilder(current);
    for (int i = 0; i < b.size(); i++) {
      if (current.getAt(i).getId() == keyId) {
        if (current.getAt(i).isPrimary()) {
          throw new SecretsException("keyset file " + file + ": key " + Integer.toUnsignedString(
              keyId) + " is the primary key; add a new primary key first");
        }
        b.deleteAt(i);
        replace(file, build(b, file));
        return;
      }
    }
    throw new SecretsException("keyset file " + file + " has no key "
        + Integer.toUnsignedString(keyId));
  }

  /** Writes a new keyset file holding one fresh AES256_GCM key; refuses to overwrite one. */
  public static void generate(Path file) {
    if (Files.exists(file)) {
      throw new SecretsException("keyset file " + file + " already exists");
    }
    createNew(file);
  }

  // ---------------------------------------------------------------- files

  private static void createNew(Path file) {
    KeysetHandle fresh;
    try {
      fresh = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
    } catch (GeneralSecurityException e) {
      throw new SecretsException("cannot generate a key for " + file + ": " + e.getMessage());
    }
    Path tmp = writeTemp(file, fresh);
    try {
      try {
        Files.createLink(file, tmp); // fails if another process made the file first
      } catch (FileAlreadyExistsException lost) {
        // Another opener won the race: use its key.
      } catch (UnsupportedOperationException noLinks) {
        Files.move(tmp, file); // no hard links: still never replaces an existing file
      }
      syncDirectory(file);
    } catch (FileAlreadyExistsException lost) {
      // Same race on a file system without hard links.
    } catch (IOException e) {
      throw new SecretsException("cannot create keyset file " + file + ": " + e.getMessage());
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static void replace(Path file, KeysetHandle keyset) {
    Path tmp = writeTemp(file, keyset);
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory(file);
    } catch (IOException e) {
      throw new SecretsException("cannot replace keyset file " + file + ": " + e.getMessage());
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static Path writeTemp(Path file, KeysetHandle keyset) {
    Path dir = file.toAbsolutePath().getParent();
    String json;
    try {
      json = TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new SecretsException("cannot serialize the keyset for " + file + " ("
          + e.getClass().getSimpleName() + ")");
    }
    try {
      Files.createDirectories(dir);
      boolean posix = Files.getFileStore(dir).supportsFileAttributeView(
          PosixFileAttributeView.class);
      FileAttribute<?>[] attrs = posix
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
          : new FileAttribute<?>[0];
      Path tmp = Files.createTempFile(dir, "." + file.getFileName() + "-", ".tmp", attrs);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      return tmp;
    } catch (IOException e) {
      throw new SecretsException("cannot write keyset file " + file + ": " + e.getMessage());
    }
  }

  private static void requireOwnerOnly(Path file) {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return; // not a POSIX file system: access is governed by its ACLs
    }
    Set<PosixFilePermission> perms;
    try {
      perms = view.readAttributes().permissions();
    } catch (NoSuchFileException e) {
      throw new SecretsException("keyset file " + file + " does not exist");
    } catch (IOException e) {
      throw new SecretsException("keyset file " + file + " cannot be read: " + e.getMessage());
    }
    if (!OWNER_ONLY.containsAll(perms)) {
      throw new SecretsException("keyset file " + file + " has permissions "
          + PosixFilePermissions.toString(perms) + ", readable or writable by group or others;"
          + " it must be private to its owner: run chmod 600 " + file);
    }
  }

  private static KeysetHandle build(KeysetHandle.Builder b, Path file) {
    try {
      return b.build();
    } catch (GeneralSecurityException e) {
      throw new SecretsException("keyset file " + file + ": cannot build the new keyset ("
          + e.getMessage() + ")");
    }
  }

  private static void syncDirectory(Path file) {
    try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(),
        StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform can sync a directory; the file itself was synced.
    }
  }

  private static void deleteQuietly(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      // A leftover temp file holds a key readable by the owner only; nothing else to do.
    }
  }

  private static Path requirePath(Path file) {
    if (file == null) {
      throw new SecretsException("keyset file: a path is required");
    }
    return file;
  }

  @Override
  public String toString() {
    return "KeysetFileKeyProvider[" + (file == null ? "<data dir>/" + DEFAULT_FILE_NAME : file)
        + (create ? ", created if missing" : "") + "]";
  }
}
