package dev.agentstore.s3;

import static dev.agentstore.s3.S3Uploader.call;

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
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The artifact store on any S3-compatible server (AWS S3, MinIO, Ceph RGW, Garage, s3proxy). Key
 * {@code k} is object {@code <prefix>k} in the bucket; the SHA-256 travels in the user metadata
 * {@code x-amz-meta-agentstore-sha256}. Uploads are atomic and bounded in memory by one part (see
 * {@link S3Uploader}); reads stream straight from the HTTP response.
 *
 * <p>Usage: {@code ArtifactStore store = S3ArtifactStore.open(S3Settings.parse(URI.create("s3://bucket/agentstore"), Map.of()));}
 */
public final class S3ArtifactStore implements ArtifactStore {
  private final S3Client s3;
  private final S3Settings settings;
  private final S3Uploader uploader;
  /** Signs list page tokens with a key made per instance: tokens do not survive a restart. */
  private final ArtifactPageTokens pageTokens = new ArtifactPageTokens();

  private S3ArtifactStore(S3Client s3, S3Settings settings) {
    this.s3 = s3;
    this.settings = settings;
    this.uploader = new S3Uploader(s3, settings, key -> head(key).map(ArtifactInfo::ref));
  }

  /**
   * Connects and checks that the bucket is reachable.
   *
   * @throws dev.agentstore.UnavailableException if the endpoint does not answer
   * @throws dev.agentstore.FailedPreconditionException if the bucket does not exist
   */
  public static S3ArtifactStore open(S3Settings settings) {
    S3Client s3 = client(settings);
    try {
      call("", () -> s3.headBucket(b -> b.bucket(settings.bucket())));
    } catch (RuntimeException e) {
      s3.close();
      throw e;
    }
    return new S3ArtifactStore(s3, settings);
  }

  /**
   * The SDK client. Checksums only where S3 requires them: SDK 2.30+ otherwise sends CRC
   * trailers and headers that many S3-compatible servers reject.
   */
  private static S3Client client(S3Settings settings) {
    S3ClientBuilder builder = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofMinutes(2))
            .build())
        .region(Region.of(settings.region()))
        .forcePathStyle(settings.pathStyle())
        .credentialsProvider(credentials(settings))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(S3Settings settings) {
    if (settings.accessKey() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(settings.sessionToken() == null
        ? AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())
        : AwsSessionCredentials.create(settings.accessKey(), settings.secretKey(), settings.sessionToken()));
  }

  /** The {@code s3://bucket/prefix/key} URI of a key, for references and logs. */
  static URI uri(S3Settings settings, String key) {
    String path = (settings.prefix() + key);
    String encoded = URLEncoder.encode(path, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    return URI.create("s3://" + settings.bucket() + "/" + encoded);
  }

  /** The settings this store was opened with (secrets redacted in {@code toString}). */
  public S3Settings settings() {
    return settings;
  }

  @Override
  public ArtifactRef put(String key, InputStream content, ArtifactPutOptions options) {
    ArtifactKeys.requireValidKey(key);
    ArtifactKeys.requirePresent(options, "options");
    return uploader.upload(key, null, new ArtifactSource(key, content), options);
  }

  @Override
  public ArtifactRef putContentAddressed(String folder, InputStream content, ArtifactPutOptions options) {
    ArtifactKeys.requireValidFolder(folder);
    ArtifactKeys.requirePresent(options, "options");
    Optional<ArtifactInfo> existing = options.expectedSha256().flatMap(sha -> head(folder + sha));
    if (existing.isPresent()) {
      return existing.get().ref();
    }
    return uploader.upload(null, folder, new ArtifactSource(folder, content), options);
  }

  @Override
  public InputStream get(String key) {
    ArtifactKeys.requireValidKey(key);
    return call(key, () -> s3.getObject(b -> b.bucket(settings.bucket()).key(objectKey(key))));
  }

  @Override
  public InputStream get(String key, ArtifactRange range) {
    ArtifactKeys.requireValidKey(key);
    ArtifactKeys.requirePresent(range, "range");
    try {
      return s3.getObject(b -> b.bucket(settings.bucket()).key(objectKey(key))
          .range("bytes=" + range.offset() + "-" + range.lastInclusive()));
    } catch (SdkException e) {
      throw S3Errors.isInvalidRange(e) ? range.outOfRange(key, -1) : S3Errors.map(key, e);
    }
  }

  @Override
  public Optional<ArtifactInfo> head(String key) {
    ArtifactKeys.requireValidKey(key);
    HeadObjectResponse r;
    try {
      r = s3.headObject(b -> b.bucket(settings.bucket()).key(objectKey(key)));
    } catch (SdkException e) {
      if (S3Errors.isMissingObject(e)) {
        return Optional.empty();
      }
      throw S3Errors.map(key, e);
    }
    Map<String, String> metadata = new HashMap<>(r.metadata());
    String sha256 = metadata.remove(S3Uploader.SHA256_METADATA);
    metadata.keySet().removeIf(k -> k.startsWith(ArtifactPutOptions.RESERVED_METADATA_PREFIX));
    if (sha256 == null) {
      sha256 = digest(key); // written by another tool: compute it once here
    }
    String contentType = r.contentType() == null ? ArtifactPutOptions.DEFAULT_CONTENT_TYPE : r.contentType();
    return Optional.of(new ArtifactInfo(key, uri(settings, key), r.contentLength(), sha256, contentType, metadata, r.lastModified()));
  }

  private String digest(String key) {
    try (InputStream in = get(key)) {
      ArtifactSource source = new ArtifactSource(key, in);
      byte[] buf = new byte[64 * 1024];
      while (source.read(buf, 0, buf.length) >= 0) {
        // reading is hashing
      }
      return source.sha256();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public ArtifactPage list(String prefix, String pageToken, int pageSize) {
    ArtifactKeys.requireValidListPrefix(prefix);
    ArtifactPageTokens.requirePageSize(pageSize);
    String after = pageTokens.decode(prefix, pageToken).orElse(null);
    List<ArtifactSummary> items = new ArrayList<>();
    if (!ArtifactKeys.canPrefixAKey(prefix)) {
      return new ArtifactPage(items, null);
    }
    String lastSeen = after;
    boolean truncated = true;
    // Loop because skipped objects (staging, "folder/" markers, foreign names) may take up room in a page.
    while (items.size() < pageSize && truncated) {
      String startAfter = lastSeen == null ? null : objectKey(lastSeen);
      int want = pageSize - items.size();
      ListObjectsV2Response r = call(prefix, () -> s3.listObjectsV2(b -> b.bucket(settings.bucket())
          .prefix(objectKey(prefix)).startAfter(startAfter).maxKeys(want)));
      for (S3Object o : r.contents()) {
        lastSeen = o.key().substring(settings.prefix().length());
        if (isArtifactKey(lastSeen)) {
          items.add(new ArtifactSummary(lastSeen, o.size(), o.lastModified()));
        }
      }
      truncated = Boolean.TRUE.equals(r.isTruncated()) && !r.contents().isEmpty();
    }
    return new ArtifactPage(items, truncated ? pageTokens.encode(prefix, lastSeen) : null);
  }

  private static boolean isArtifactKey(String key) {
    try {
      ArtifactKeys.requireValidKey(key);
      return true;
    } catch (dev.agentstore.InvalidArgumentException e) {
      return false;
    }
  }

  @Override
  public boolean delete(String key) {
    if (head(key).isEmpty()) {
      return false;
    }
    call(key, () -> s3.deleteObject(b -> b.bucket(settings.bucket()).key(objectKey(key))));
    return true;
  }

  @Override
  public long deletePrefix(String folder) {
    ArtifactKeys.requireValidFolder(folder);
    // One DeleteObject per key: DeleteObjects requires a checksum header (x-amz-checksum-crc32 from
    // SDK 2.30 on) that many S3-compatible servers reject.
    long deleted = 0;
    while (true) {
      List<String> batch = call(folder, () -> s3.listObjectsV2(b -> b.bucket(settings.bucket())
          .prefix(objectKey(folder)).maxKeys(MAX_PAGE_SIZE))).contents().stream().map(S3Object::key).collect(Collectors.toList());
      if (batch.isEmpty()) {
        return deleted;
      }
      for (String objectKey : batch) {
        call(folder, () -> s3.deleteObject(b -> b.bucket(settings.bucket()).key(objectKey)));
        deleted++;
      }
    }
  }

  @Override
  public void close() {
    s3.close();
  }

  private String objectKey(String key) {
    return settings.prefix() + key;
  }

  @Override
  public String toString() {
    return "S3ArtifactStore[" + settings + "]";
  }
}
