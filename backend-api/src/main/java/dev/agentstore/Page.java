package dev.agentstore;

import java.util.List;

/**
 * One page of a {@code list} call.
 *
 * <p>Usage: {@code for (String t = null;;) { Page<Agent> p = repo.list(q.withPageToken(t)); ...; if ((t = p.nextPageToken()) == null) break; }}
 *
 * @param items the resources on this page
 * @param nextPageToken the token for the next page, or null when this is the last
 * @param <R> the resource type
 */
public record Page<R>(List<R> items, String nextPageToken) {
  /** Copies the list. */
  public Page {
    items = List.copyOf(items);
  }

  /** Whether another page follows. */
  public boolean hasNext() {
    return nextPageToken != null;
  }
}
