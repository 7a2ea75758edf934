package dev.agentstore.s3;

import dev.agentstore.AgentStoreException;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.NotFoundException;
import dev.agentstore.PermissionDeniedException;
import dev.agentstore.UnavailableException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns SDK exceptions into agentstore's error types, so none crosses the API. */
final class S3Errors {
  private S3Errors() {}

  /** The agentstore error for a failed call about {@code what} (a key or folder). */
  static AgentStoreException map(String what, SdkException e) {
    if (e instanceof S3Exception s3) {
      String code = s3.awsErrorDetails() == null ? "" : s3.awsErrorDetails().errorCode();
      String detail = " (S3 " + s3.statusCode() + " " + code + ")";
      if ("NoSuchBucket".equals(code)) {
        return new FailedPreconditionException("the S3 bucket of the artifact store does not exist" + detail, e);
      }
      if (s3.statusCode() == 404) {
        return new NotFoundException("no artifact \"" + what + "\"" + detail, e);
      }
      if (s3.statusCode() == 403) {
        return new PermissionDeniedException("S3 denied access to artifact \"" + what + "\"" + detail, e);
      }
      if (s3.statusCode() < 500 && s3.statusCode() != 408 && s3.statusCode() != 429) {
        return new AgentStoreException("S3 rejected the request for artifact \"" + what + "\"" + detail + ": " + s3.getMessage(), e);
      }
    }
    return new UnavailableException("S3 is unavailable for artifact \"" + what + "\": " + e.getMessage(), e);
  }

  /** Whether {@code e} says the object (not the bucket) does not exist. */
  static boolean isMissingObject(SdkException e) {
    return e instanceof S3Exception s3 && s3.statusCode() == 404
        && (s3.awsErrorDetails() == null || !"NoSuchBucket".equals(s3.awsErrorDetails().errorCode()));
  }

  /** Whether {@code e} says the requested range is outside the object. */
  static boolean isInvalidRange(SdkException e) {
    return e instanceof S3Exception s3 && s3.statusCode() == 416;
  }
}
