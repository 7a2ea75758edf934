package dev.agentstore.s3;

import dev.agentstore.artifact.ArtifactPutOptions;
import dev.agentstore.artifact.ArtifactRef;
import dev.agentstore.spi.ArtifactSource;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MetadataDirective;

/**
 * Writes one object so that it appears whole or not at all, in memory bounded by one part.
 *
 * <ul>
 *   <li>Content that fits in one part is buffered, hashed, checked, then sent with one PutObject.
 *   <li>Larger content with a known digest goes by multipart upload straight to its key; the upload
 *       is completed only if the digest matches and aborted on any failure, so nothing appears.
 *   <li>Larger content without a known digest (or content-addressed) cannot carry its digest in
 *       the metadata S3 fixes when the upload starts, so it goes to a staging key under {@value
 *       #STAGING} and is then copied to its key with the digest in the metadata (a copy replaces
 *       the target atomically), and the staging object is deleted.
 * </ul>
 */
final class S3Uploader {
  /** Staging folder (under the store prefix) for uploads whose digest is known only at the end. */
  static final String STAGING = ".agentstore-staging/";
  /** User-metadata key holding the content's SHA-256. */
  static final String SHA256_METADATA = "agentstore-sha256";

  private final S3Client s3;
  private final S3Settings settings;
  private final Function<String, Optional<ArtifactRef>> existing;

  /** {@code existing} looks up a key's current reference, for content addressing. */
  S3Uploader(S3Client s3, S3Settings settings, Function<String, Optional<ArtifactRef>> existing) {
    this.s3 = s3;
    this.settings = settings;
    this.existing = existing;
  }

  /** Uploads to {@code key}, or with {@code key} null to {@code folder + sha256} if not there yet. */
  ArtifactRef upload(String key, String folder, ArtifactSource source, ArtifactPutOptions options) {
    byte[] part = new byte[settings.partSize()];
    int filled = source.fill(part);
    if (filled < part.length) {
      source.verify(options.expectedSha256());
      String target = key != null ? key : folder + source.sha256();
      Optional<ArtifactRef> present = key == null ? existing.apply(target) : Optional.empty();
      if (present.isPresent()) {
        return present.get();
      }
      call(target, () -> s3.putObject(b -> b.bucket(settings.bucket()).key(objectKey(target))
          .contentType(options.contentType()).metadata(metadata(options, source.sha256())),
          RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, filled), filled)));
      return ref(target, source, options);
    }
    boolean direct = key != null && options.expectedSha256().isPresent();
    String uploadKey = direct ? objectKey(key) : settings.prefix() + STAGING + UUID.randomUUID();
    Map<String, String> uploadMetadata = direct ? metadata(options, options.expectedSha256().get()) : Map.of();
    multipart(key != null ? key : folder, uploadKey, uploadMetadata, options, source, part, filled);
    if (direct) {
      return ref(key, source, options);
    }
    try {
      String target = key != null ? key : folder + source.sha256();
      Optional<ArtifactRef> present = key == null ? existing.apply(target) : Optional.empty();
      if (present.isPresent()) {
        return present.get();
      }
      copy(target, uploadKey, source.size(), metadata(options, source.sha256()), options.contentType());
      return ref(target, source, options);
    } finally {
      deleteQuietly(uploadKey);
    }
  }

  /** Streams the source part by part to {@code uploadKey}; completes only if the digest matches. */
  private void multipart(String what, String uploadKey, Map<String, String> metadata, ArtifactPutOptions options,
      ArtifactSource source, byte[] part, int filled) {
    String uploadId = call(what, () -> s3.createMultipartUpload(b -> b.bucket(settings.bucket()).key(uploadKey)
        .contentType(options.contentType()).metadata(metadata))).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      for (int n = filled; n > 0; n = source.fill(part)) {
        int number = parts.size() + 1;
        int length = n;
        String etag = call(what, () -> s3.uploadPart(b -> b.bucket(settings.bucket()).key(uploadKey).uploadId(uploadId)
            .partNumber(number).contentLength((long) length),
            RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, length), length))).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
      }
      source.verify(options.expectedSha256());
      call(what, () -> s3.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(uploadKey).uploadId(uploadId)
          .multipartUpload(u -> u.parts(parts))));
    } catch (RuntimeException | Error e) {
      abortQuietly(uploadKey, uploadId, e);
      throw e;
    }
  }

  /** Server-side copy from the staging key to {@code target} with its final metadata. */
  private void copy(String target, String stagingKey, long size, Map<String, String> metadata, String contentType) {
    if (size <= settings.multipartCopyThreshold()) {
      call(target, () -> s3.copyObject(b -> b.sourceBucket(settings.bucket()).sourceKey(stagingKey)
          .destinationBucket(settings.bucket()).destinationKey(objectKey(target))
          .metadataDirective(MetadataDirective.REPLACE).metadata(metadata).contentType(contentType)));
      return;
    }
    String objectKey = objectKey(target);
    String uploadId = call(target, () -> s3.createMultipartUpload(b -> b.bucket(settings.bucket()).key(objectKey)
        .contentType(contentType).metadata(metadata))).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      for (long offset = 0; offset < size; offset += settings.copyPartSize()) {
        int number = parts.size() + 1;
        String range = "bytes=" + offset + "-" + (Math.min(size, offset + settings.copyPartSize()) - 1);
        String etag = call(target, () -> s3.uploadPartCopy(b -> b.sourceBucket(settings.bucket()).sourceKey(stagingKey)
            .destinationBucket(settings.bucket()).destinationKey(objectKey).uploadId(uploadId).partNumber(number)
            .copySourceRange(range))).copyPartResult().eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
      }
      call(target, () -> s3.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(objectKey).uploadId(uploadId)
          .multipartUpload(u -> u.parts(parts))));
    } catch (RuntimeException | Error e) {
      abortQuietly(objectKey, uploadId, e);
      throw e;
    }
  }

  private ArtifactRef ref(String key, ArtifactSource source, ArtifactPutOptions options) {
    return new ArtifactRef(key, S3ArtifactStore.uri(settings, key), source.size(), source.sha256(), options.contentType());
  }

  private String objectKey(String key) {
    return settings.prefix() + key;
  }

  private static Map<String, String> metadata(ArtifactPutOptions options, String sha256) {
    Map<String, String> all = new HashMap<>(options.metadata());
    all.put(SHA256_METADATA, sha256);
    return all;
  }

  private void abortQuietly(String uploadKey, String uploadId, Throwable cause) {
    try {
      s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(uploadKey).uploadId(uploadId));
    } catch (SdkException e) {
      cause.addSuppressed(e); // a bucket lifecycle rule cleans what could not be aborted
    }
  }

  private void deleteQuietly(String objectKey) {
    try {
      s3.deleteObject(b -> b.bucket(settings.bucket()).key(objectKey));
    } catch (SdkException ignored) {
      // the staging folder is hidden from listings; a lifecycle rule can expire leftovers
    }
  }

  /** Runs one S3 call, mapping SDK exceptions. */
  static <T> T call(String what, java.util.function.Supplier<T> request) {
    try {
      return request.get();
    } catch (SdkException e) {
      throw S3Errors.map(what, e);
    }
  }
}
