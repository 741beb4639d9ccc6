package io.wirewatch.process.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.model.config.ConfigException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoryModelTest {

  @Test
  void bundledModelLoadsAndWritesBackTheSame() throws Exception {
    StoryModel bundled = StoryModel.bundled();
    StringWriter w = new StringWriter();
    bundled.write(w, List.of("round trip"));

    StoryModel back = StoryModel.read(new StringReader(w.toString()), "test");

    assertThat(w.toString()).startsWith("# round trip\n");
    assertThat(back.features()).isEqualTo(StoryFeatures.NAMES);
    assertThat(back.threshold()).isEqualTo(bundled.threshold(), org.assertj.core.api.Assertions.within(1e-4));
    double[] f = new double[StoryFeatures.NAMES.size()];
    f[0] = 0.4;
    assertThat(back.probability(f)).isEqualTo(bundled.probability(f), org.assertj.core.api.Assertions.within(1e-5));
  }

  @Test
  void probabilityIsTheLogisticOfTheMargin() {
    double[] w = new double[StoryFeatures.NAMES.size()];
    w[0] = 2;
    StoryModel m = new StoryModel(StoryFeatures.NAMES, w, -1, 0.5);
    double[] f = new double[w.length];
    f[0] = 0.5;
    assertThat(m.margin(f)).isZero();
    assertThat(m.probability(f)).isEqualTo(0.5);
    assertThat(m.contributions(f)[0]).isEqualTo(1.0);
  }

  @Test
  void badFilesNameTheProblem() {
    assertThatThrownBy(() -> StoryModel.read(new StringReader("threshold=0.5\nbias=1\n"), "m.properties"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("m.properties").hasMessageContaining("missing weight.text");
    StringBuilder all = new StringBuilder("threshold=0.5\nbias=1\n");
    StoryFeatures.NAMES.forEach(n -> all.append("weight.").append(n).append("=1\n"));
    assertThatThrownBy(() -> StoryModel.read(new StringReader(all + "weight.colour=2\n"), "m.properties"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown keys [weight.colour]");
    assertThatThrownBy(() -> StoryModel.read(new StringReader(all.toString().replace("threshold=0.5", "threshold=high")), "m"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("line 1").hasMessageContaining("threshold");
    assertThatThrownBy(() -> StoryModel.read(new StringReader(all.toString().replace("threshold=0.5", "threshold=1.5")), "m"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("threshold must be in (0, 1)");
  }
}
