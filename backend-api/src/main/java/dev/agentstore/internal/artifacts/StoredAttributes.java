package dev.agentstore.internal.artifacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Map;
import java.util.Optional;

/**
 * Digest, content type and user metadata of one stored file, kept in the file's own user extended
 * attribute {@code user.agentstore} (JSON). Written on the temporary file before the rename, they
 * travel with the inode, so content and metadata are replaced by the same atomic rename and no
 * reader can pair new bytes with old metadata (a sidecar file would need a second rename).
 */
record StoredAttributes(String sha256, String contentType, Map<String, String> metadata) {
  private static final String NAME = "agentstore";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Writes these attributes onto {@code file}. */
  void writeTo(Path file) throws IOException {
    view(file).write(NAME, ByteBuffer.wrap(JSON.writeValueAsBytes(this)));
  }

  /** Reads the attributes of {@code file}; empty if it has none (copied without extended attributes, say). */
  static Optional<StoredAttributes> readFrom(Path file) throws IOException {
    UserDefinedFileAttributeView view = view(file);
    if (!view.list().contains(NAME)) {
      return Optional.empty();
    }
    ByteBuffer buf = ByteBuffer.allocate(view.size(NAME));
    view.read(NAME, buf);
    return Optional.of(JSON.readValue(buf.array(), 0, buf.position(), StoredAttributes.class));
  }

  private static UserDefinedFileAttributeView view(Path file) throws IOException {
    UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    if (view == null) {
      throw new IOException("the file system of " + file + " has no user-defined file attributes");
    }
    return view;
  }
}
