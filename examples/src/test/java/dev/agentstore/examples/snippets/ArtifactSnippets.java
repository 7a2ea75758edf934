package dev.agentstore.examples.snippets;

import dev.agentstore.AgentStore;
import dev.agentstore.artifact.ArtifactInfo;
import dev.agentstore.artifact.ArtifactKeys;
import dev.agentstore.artifact.ArtifactPage;
import dev.agentstore.artifact.ArtifactPutOptions;
import dev.agentstore.artifact.ArtifactRange;
import dev.agentstore.artifact.ArtifactRef;
import dev.agentstore.artifact.ArtifactStore;
import dev.agentstore.artifact.ArtifactStores;
import dev.agentstore.s3.S3ArtifactStore;
import dev.agentstore.s3.S3Settings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** The Javadoc usage lines of the artifact API, as compiled code (see JavadocSnippetsTest). */
final class ArtifactSnippets {
  private ArtifactSnippets() {}

  static Optional<String> info(ArtifactStore store) {
    return store.head("wex-01j9/report.pdf").map(ArtifactInfo::contentType);
  }

  static void keys() {
    ArtifactKeys.requireValidKey("wex-01j9/report.pdf");
  }

  static void pages(ArtifactStore store) {
    for (String t = null;;) {
      ArtifactPage p = store.list("wex-1/", t);
      print(p);
      if ((t = p.nextPageToken().orElse(null)) == null) break;
    }
  }

  static void print(ArtifactPage page) {
    page.items().forEach(s -> System.out.println(s.key() + " " + s.size()));
  }

  static ArtifactPutOptions options() {
    return ArtifactPutOptions.builder().contentType("application/pdf").metadata("step", "render").build();
  }

  static int range(ArtifactStore store, String key) throws IOException {
    try (InputStream in = store.get(key, ArtifactRange.of(1024, 512))) {
      return in.read();
    }
  }

  static ArtifactRef put(AgentStore store, InputStream in) {
    ArtifactRef ref = store.artifacts().put("wex-01j9/report.pdf", in, ArtifactPutOptions.defaults());
    return ref;
  }

  static void open(InputStream in) {
    try (ArtifactStore s = ArtifactStores.open("file:/var/lib/agentstore/artifacts")) { s.put("wex-1/out.txt", in); }
  }

  static ArtifactStore s3() {
    ArtifactStore store = ArtifactStores.open("s3://bucket/agentstore?region=eu-west-1");
    return store;
  }

  static ArtifactStore s3WithCredentials(String id, String secret) {
    return ArtifactStores.open("s3://artifacts/prod?region=eu-west-1", Map.of("accessKey", id, "secretKey", secret));
  }

  static ArtifactStore s3Settings() {
    S3Settings s = S3Settings.parse(URI.create("s3://bucket/agentstore?region=eu-west-1"), Map.of());
    ArtifactStore store = S3ArtifactStore.open(S3Settings.parse(URI.create("s3://bucket/agentstore"), Map.of()));
    return s == null ? null : store;
  }
}
