/**
 * The S3-compatible artifact store, for {@code s3://} locations on any endpoint.
 *
 * <p>Usage: put this module on the module path (or class path) and call
 * {@code ArtifactStores.open("s3://bucket/prefix?region=eu-west-1")}; it is found through
 * {@link java.util.ServiceLoader}.
 */
module dev.agentstore.s3 {
  requires dev.agentstore;
  requires software.amazon.awssdk.services.s3;
  requires software.amazon.awssdk.auth;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.http.urlconnection;

  // S3Settings documents the URI parameters; the store itself is reached through ArtifactStores.
  exports dev.agentstore.s3;

  provides dev.agentstore.spi.ArtifactStoreProvider with dev.agentstore.s3.S3ArtifactStoreProvider;
}
