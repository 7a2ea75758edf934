package dev.agentstore.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStoreException;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.PermissionDeniedException;
import dev.agentstore.UnavailableException;
import dev.agentstore.artifact.ArtifactPutOptions;
import dev.agentstore.artifact.ArtifactRef;
import dev.agentstore.artifact.ArtifactStore;
import dev.agentstore.artifact.ArtifactStores;
import dev.agentstore.tck.ArtifactStoreTck;
import dev.agentstore.tck.internal.DeterministicStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The artifact TCK on the S3 store against s3proxy, plus what only an S3 server can show. */
class S3ArtifactStoreTest extends ArtifactStoreTck {
  private static final long MIB = 1024 * 1024;

  private static LocalS3Server server;
  private String bucket;

  @BeforeAll
  static void startServer() throws Exception {
    server = new LocalS3Server();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Override
  protected String newStoreUri() {
    bucket = server.newBucket();
    return server.uri(bucket, "tck", "");
  }

  private List<String> rawKeys() {
    return server.admin.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).collect(Collectors.toList());
  }

  @Test
  void objectsLiveUnderThePrefixWithTheirDigestInTheMetadata() {
    ArtifactRef ref = putText("wex-1/a b.txt", "hello");
    assertThat(rawKeys()).containsExactly("tck/wex-1/a b.txt");
    assertThat(server.admin.headObject(b -> b.bucket(bucket).key("tck/wex-1/a b.txt")).metadata())
        .containsEntry("agentstore-sha256", ref.sha256());
    assertThat(ref.uri().toString()).isEqualTo("s3://" + bucket + "/tck/wex-1/a%20b.txt");
  }

  @Test
  void failedAndRejectedMultipartUploadsLeaveNoPartsAndNoStagingObjects() {
    assertThatThrownBy(() -> store.put("wex-1/x", new DeterministicStream(1, 30 * MIB, 20 * MIB))).isInstanceOf(AgentStoreException.class);
    assertThatThrownBy(() -> store.put("wex-1/y", new DeterministicStream(1, 20 * MIB),
        ArtifactPutOptions.builder().expectedSha256("c".repeat(64)).build())).isInstanceOf(AgentStoreException.class);
    store.put("wex-1/z", new DeterministicStream(2, 20 * MIB));
    assertThat(server.admin.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    assertThat(rawKeys()).containsExactly("tck/wex-1/z");
  }

  @Test
  void objectsAboveTheCopyThresholdAreCopiedPartByPart() throws Exception {
    String uri = server.uri(bucket, "copy", "&partSize=5242880&multipartCopyThreshold=5242880&copyPartSize=5242880");
    try (ArtifactStore small = ArtifactStores.open(uri)) {
      ArtifactRef ref = small.put("wex-1/big", new DeterministicStream(3, 12 * MIB + 7),
          ArtifactPutOptions.builder().contentType("application/x-test").metadata("k", "v").build());
      assertThat(ref.sha256()).isEqualTo(DeterministicStream.sha256(3, 12 * MIB + 7));
      try (InputStream in = small.get("wex-1/big")) {
        assertThat(DeterministicStream.sha256(in)).isEqualTo(ref.sha256());
      }
      assertThat(small.head("wex-1/big").orElseThrow().metadata()).containsEntry("k", "v");
      assertThat(small.head("wex-1/big").orElseThrow().contentType()).isEqualTo("application/x-test");
    }
    assertThat(rawKeys()).containsExactly("copy/wex-1/big");
  }

  @Test
  void aStoreWithoutPrefixUsesTheWholeBucket() {
    try (ArtifactStore whole = ArtifactStores.open(server.uri(bucket, "", ""))) {
      whole.put("wex-1/root", new ByteArrayInputStream(new byte[] {1}));
      putText("wex-1/inside", "i");
      assertThat(whole.list("wex-1/", null).items()).extracting(s -> s.key()).containsExactly("wex-1/root");
      assertThat(whole.list("", null).items()).extracting(s -> s.key()).containsExactly("tck/wex-1/inside", "wex-1/root");
    }
  }

  @Test
  void wrongCredentialsAreDenied() {
    String uri = server.uri(bucket, "tck", "").replace("secretKey=" + LocalS3Server.SECRET_KEY, "secretKey=wrong");
    assertThatThrownBy(() -> ArtifactStores.open(uri)).isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void aMissingBucketIsAFailedPrecondition() {
    assertThatThrownBy(() -> ArtifactStores.open(server.uri("no-such-bucket", "", "")))
        .isInstanceOf(AgentStoreException.class)
        .satisfies(e -> assertThat(e).isInstanceOfAny(FailedPreconditionException.class, dev.agentstore.NotFoundException.class));
  }

  @Test
  void anUnreachableEndpointIsUnavailable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String uri = server.uri(bucket, "tck", "").replace(":" + server.endpoint().getPort(), ":" + closedPort);
    assertThatThrownBy(() -> ArtifactStores.open(uri)).isInstanceOf(UnavailableException.class);
  }
}
