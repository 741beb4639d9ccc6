package io.wirewatch.console.view;

import io.wirewatch.model.Article;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which retained articles belong to which story ({@code Article.storyId}): a story's page lists all
 * its articles, where the story record keeps only its latest ({@code Story.latest}). Articles without
 * a story are not indexed. Costs about 100 bytes of heap per article that has a story.
 */
public final class ArticleIndex implements ViewIndex<Article> {

  private final Map<String, Set<String>> byStory = new ConcurrentHashMap<>();

  @Override
  public void update(String key, Article before, Article after) {
    String was = before == null ? null : before.storyId();
    String is = after == null ? null : after.storyId();
    if (was != null && !Objects.equals(was, is)) {
      byStory.computeIfPresent(was, (s, set) -> {
        set.remove(key);
        return set.isEmpty() ? null : set;
      });
    }
    if (is != null) {
      byStory.computeIfAbsent(is, s -> ConcurrentHashMap.newKeySet()).add(key);
    }
  }

  @Override
  public void clear() {
    byStory.clear();
  }

  /** Ids of the retained articles of story {@code storyId}. */
  List<String> ofStory(String storyId) {
    Set<String> s = byStory.get(storyId);
    return s == null ? List.of() : List.copyOf(s);
  }
}
