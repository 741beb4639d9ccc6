package io.wirewatch.process.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoryModelTrainerTest {

  @Test
  void learnsThatSimilarTextMeansSameStoryAndClustersItsOwnTrainingStream() {
    StoryModelTrainer trainer = new StoryModelTrainer(StoryAnalyzer.bundled(), StoryConfig.DEFAULT);
    List<StoryModelTrainer.LabelledItem> stream = new ArrayList<>();
    for (StoryItem x : Streams.mixed()) {
      stream.add(trainer.label(x, Streams.gold(x.id())));
    }
    List<List<StoryModelTrainer.LabelledItem>> streams = List.of(stream);

    StoryModelTrainer.Examples examples = trainer.examples(streams);
    StoryModel model = trainer.train(streams);

    assertThat(examples.labels()).contains(true, false);
    assertThat(examples.candidateRecall()).isEqualTo(1.0);
    assertThat(model.weights()[StoryFeatures.NAMES.indexOf("text")]).isPositive();
    assertThat(trainer.score(model, stream).b3F1()).isEqualTo(1.0);
  }
}
