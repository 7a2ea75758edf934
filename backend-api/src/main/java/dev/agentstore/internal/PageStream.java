package dev.agentstore.internal;

import dev.agentstore.Page;
import dev.agentstore.Query;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazy stream over keyset pages: the next page is read only when the stream has used up the
 * one before, so memory holds one page however many rows match.
 *
 * <p>Usage: {@code Stream<Agent> all = PageStream.of(query, repo::list);}
 *
 * @param <R> the element type
 */
final class PageStream<R> extends Spliterators.AbstractSpliterator<R> {
  private final Query query;
  private final Function<Query, Page<R>> list;
  private Iterator<R> current;
  private String nextToken;
  private boolean lastPage;

  private PageStream(Query query, Function<Query, Page<R>> list) {
    super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
    this.query = query;
    this.list = list;
    this.nextToken = query.pageToken();
  }

  /** A stream of every element of {@code query}, read page by page through {@code list}. */
  static <R> Stream<R> of(Query query, Function<Query, Page<R>> list) {
    return StreamSupport.stream(new PageStream<>(query, list), false);
  }

  @Override
  public boolean tryAdvance(Consumer<? super R> action) {
    while (current == null || !current.hasNext()) {
      if (lastPage) {
        return false;
      }
      Page<R> page = list.apply(query.withPageToken(nextToken));
      current = page.items().iterator();
      nextToken = page.nextPageToken();
      lastPage = nextToken == null;
    }
    action.accept(current.next());
    return true;
  }
}
