package dev.agentstore.artifact;

import java.util.List;
import java.util.Optional;

/**
 * One page of {@link ArtifactStore#list}: keys in UTF-8 byte order and the opaque token for the next page.
 *
 * <p>Usage: {@code for (String t = null;;) { ArtifactPage p = store.list("wex-1/", t); ...; if ((t = p.nextPageToken().orElse(null)) == null) break; }}
 *
 * @param items the objects on this page, sorted by key
 * @param next the token for the following page, or null on the last page
 */
public record ArtifactPage(List<ArtifactSummary> items, String next) {
  /** Copies the items so the record stays immutable. */
  public ArtifactPage {
    items = List.copyOf(items);
  }

  /** The token to pass to the next {@code list} call, empty on the last page. */
  public Optional<String> nextPageToken() {
    return Optional.ofNullable(next);
  }
}
