package io.wirewatch.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceDirectoryTest {

  @TempDir
  Path root;

  @Test
  void twoInstancesOnOneHostGetFoldersOfTheirOwnAndARestartTakesItsFolderBack() {
    try (InstanceDirectory first = InstanceDirectory.claimUnder(root, "app");
        InstanceDirectory second = InstanceDirectory.claimUnder(root, "app")) {
      assertThat(first.path()).isEqualTo(root.resolve("instance-0"));
      assertThat(second.path()).isEqualTo(root.resolve("instance-1"));
      assertThat(first.memberName()).startsWith("app-").endsWith("-0");
      assertThat(second.memberName()).isNotEqualTo(first.memberName());
      String name = first.memberName();
      first.close();
      try (InstanceDirectory restarted = InstanceDirectory.claimUnder(root, "app")) {
        assertThat(restarted.path()).isEqualTo(root.resolve("instance-0"));
        assertThat(restarted.memberName()).isEqualTo(name);
      }
    }
  }
}
