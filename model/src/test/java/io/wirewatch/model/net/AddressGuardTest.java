package io.wirewatch.model.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirewatch.model.InvalidInputException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressGuardTest {

  private static final String SETTING = "stage.allow-addresses";

  private static AddressGuard resolvingTo(String address, List<String> allow) {
    return new AddressGuard(SETTING, allow, host -> new InetAddress[] {InetAddress.getByName(address)});
  }

  @Test
  void refusesEveryInternalKindOfAddress() {
    for (String a : List.of("127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "fe80::1", "fd00:ec2::254",
        "::ffff:10.0.0.1", "::")) {
      assertThatThrownBy(() -> resolvingTo(a, List.of()).check(URI.create("http://news.example/feed")))
          .as(a).isInstanceOf(AddressGuard.RefusedAddressException.class).hasMessageContaining("refused")
          .hasMessageContaining("allow it with " + SETTING);
    }
  }

  @Test
  void letsPublicAddressesThrough() throws Exception {
    for (String a : List.of("93.184.216.34", "8.8.8.8", "2606:2800:220:1:248:1893:25c8:1946")) {
      resolvingTo(a, List.of()).check(URI.create("http://news.example/feed"));
    }
  }

  @Test
  void allowListLiftsTheRefusalPerAddressOrBlock() throws Exception {
    resolvingTo("127.0.0.1", List.of("127.0.0.1")).check(URI.create("http://localhost:8080/"));
    resolvingTo("10.9.8.7", List.of("10.0.0.0/8")).check(URI.create("http://intranet/"));
    assertThatThrownBy(() -> resolvingTo("127.0.0.2", List.of("127.0.0.1")).check(URI.create("http://x/")))
        .isInstanceOf(AddressGuard.RefusedAddressException.class);
  }

  @Test
  void oneBadAddressAmongSeveralIsEnoughToRefuse() {
    AddressGuard g = new AddressGuard(SETTING, List.of(), host -> new InetAddress[] {
        InetAddress.getByName("8.8.8.8"), InetAddress.getByName("169.254.169.254")});
    assertThatThrownBy(() -> g.check(URI.create("http://rebind.example/")))
        .hasMessageContaining("169.254.169.254").hasMessageContaining("link-local");
  }

  @Test
  void aNameThatDoesNotResolveIsUnknownNotRefused() {
    AddressGuard g = new AddressGuard(SETTING, List.of(), host -> new InetAddress[0]);
    assertThatThrownBy(() -> g.resolve("nowhere.example"))
        .isInstanceOf(UnknownHostException.class).isNotInstanceOf(AddressGuard.RefusedAddressException.class);
  }

  @Test
  void badAllowListEntryNamesTheSetting() {
    assertThatThrownBy(() -> new AddressGuard(SETTING, List.of("localhost")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining(SETTING);
    assertThatThrownBy(() -> new AddressGuard(SETTING, List.of("10.0.0.0/33")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining(SETTING);
    assertThat(AddressGuard.isRefused(InetAddress.getLoopbackAddress())).isTrue();
  }
}
