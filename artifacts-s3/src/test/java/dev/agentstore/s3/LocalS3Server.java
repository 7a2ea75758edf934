package dev.agentstore.s3;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server in the test JVM: s3proxy on 127.0.0.1 (free port) over jclouds' in-memory
 * ("transient") blob store, with V4 signatures checked against fixed test credentials. Not the
 * NIO.2 filesystem blob store: its GET reads an object's size and ETag, then opens the file by
 * path again, so an overwrite in between answers with one version's headers and the other's
 * bytes (a torn read the TCK caught once in a few CI runs); S3 itself returns whole versions.
 */
final class LocalS3Server implements AutoCloseable {
  static final String ACCESS_KEY = "agentstore-test";
  static final String SECRET_KEY = "agentstore-test-secret";
  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private final S3Proxy proxy;
  private final BlobStoreContext context;
  /** A plain SDK client for the tests to look behind the store's back. */
  final S3Client admin;

  LocalS3Server() throws Exception {
    context = ContextBuilder.newBuilder("transient").credentials("unused", "unused").build(BlobStoreContext.class);
    proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
    proxy.start();
    for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
      Thread.sleep(10);
    }
    if (!"STARTED".equals(proxy.getState())) {
      throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
    }
    admin = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
        .endpointOverride(endpoint()).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** Creates a new empty bucket and returns its name. */
  String newBucket() {
    String bucket = "bucket-" + BUCKETS.incrementAndGet();
    admin.createBucket(b -> b.bucket(bucket));
    return bucket;
  }

  /** The store URI for {@code bucket/prefix} on this server, credentials in the query. */
  String uri(String bucket, String prefix, String extraQuery) {
    return "s3://" + bucket + "/" + prefix + "?endpoint=" + endpoint() + "&region=us-east-1&pathStyle=true&accessKey="
        + ACCESS_KEY + "&secretKey=" + SECRET_KEY + extraQuery;
  }

  @Override
  public void close() throws Exception {
    admin.close();
    proxy.stop();
    context.close();
  }
}
