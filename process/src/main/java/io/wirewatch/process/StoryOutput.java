package io.wirewatch.process;

import io.wirewatch.model.Article;
import io.wirewatch.model.DeadLetter;
import io.wirewatch.model.Story;
import io.wirewatch.process.alert.PendingAlert;
import java.util.List;

/**
 * What the story step forwards, one kind per record: an article with its story, a story's latest
 * state, an alert on its way to flood control, or a dead letter. The topology routes on the kind.
 */
record StoryOutput(Article article, Story story, PendingAlert alert, DeadLetter deadLetter) {

  static StoryOutput of(Article a) {
    return new StoryOutput(a, null, null, null);
  }

  static StoryOutput of(Story s) {
    return new StoryOutput(null, s, null, null);
  }

  static StoryOutput of(PendingAlert p) {
    return new StoryOutput(null, null, p, null);
  }

  static StoryOutput of(DeadLetter d) {
    return new StoryOutput(null, null, null, d);
  }

  /** An article on its way to its language's stories, with the alerts it raised. */
  record Incoming(Article article, List<PendingAlert> alerts) {
    Incoming {
      alerts = List.copyOf(alerts);
    }
  }
}
