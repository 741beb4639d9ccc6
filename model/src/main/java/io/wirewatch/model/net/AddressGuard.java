package io.wirewatch.model.net;

import io.wirewatch.model.InvalidInputException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Refuses requests to addresses a news poller has no business reaching (SSRF): loopback, private
 * (RFC 1918, carrier-grade NAT, IPv6 unique-local), link-local (which includes the cloud metadata
 * endpoint 169.254.169.254), multicast, broadcast and the unspecified address. The check runs on
 * every address the host name resolves to.
 *
 * <p>{@link #resolve} is the HTTP client's DNS: the addresses it checks are the addresses the
 * client connects to, so a DNS server that answers a public address to the check and a private
 * one to the connection (DNS rebinding) gets nowhere. Every connection of every redirect hop goes
 * through it; a pooled connection is reused only for the host it was checked for.
 *
 * <p>An explicit allow-list (addresses or CIDR blocks) lifts the refusal per address: the tests
 * and the benchmark serve from 127.0.0.1. Each stage that reaches out over HTTP names its own
 * setting for that list ({@code ingest.fetch.allow-addresses}, {@code notify.allow-addresses}),
 * and refusals name it.
 *
 * <p>Kept in {@code model} (it needs only the JDK) so that every stage guards its outgoing
 * requests the same way; each stage maps a refusal to its own failure type.
 */
public final class AddressGuard {

  /** Resolves a host name; a seam for tests that need a name pointing at a chosen address. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final String setting;
  private final List<Block> allowed;
  private final Resolver resolver;

  /**
   * @param setting   the setting the allow-list comes from, named in refusals and in errors about it
   * @param allowList addresses or CIDR blocks that may be reached although internal
   * @param resolver  the name resolution to check (the system's, or a test's)
   * @throws InvalidInputException when an entry is not an address or CIDR block, naming the setting
   */
  public AddressGuard(String setting, Collection<String> allowList, Resolver resolver) {
    this.setting = Objects.requireNonNull(setting, "setting");
    List<Block> blocks = new ArrayList<>();
    for (String s : allowList) {
      if (!s.isBlank()) {
        blocks.add(Block.parse(setting, s.trim()));
      }
    }
    this.allowed = List.copyOf(blocks);
    this.resolver = resolver;
  }

  /** A guard on the system's name resolution. */
  public AddressGuard(String setting, Collection<String> allowList) {
    this(setting, allowList, InetAddress::getAllByName);
  }

  /** A host that resolves to an address the guard refuses; what {@link #resolve} throws. */
  public static final class RefusedAddressException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    public RefusedAddressException(String message) {
      super(message);
    }
  }

  /**
   * The addresses {@code host} resolves to, once, each of them checked: what a connection may use.
   *
   * @throws RefusedAddressException when one of them is refused and not allow-listed
   * @throws UnknownHostException     when the name does not resolve
   */
  public InetAddress[] resolve(String host) throws UnknownHostException {
    String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    InetAddress[] addresses = resolver.resolve(name);
    if (addresses == null || addresses.length == 0) {
      throw new UnknownHostException("unknown host '" + name + "'");
    }
    for (InetAddress a : addresses) {
      if (isRefused(a) && !isAllowed(a)) {
        throw new RefusedAddressException("refused: " + name + " resolves to " + a.getHostAddress()
            + ", a " + kind(a) + " address (allow it with " + setting + ")");
      }
    }
    return addresses.clone();
  }

  /**
   * Checks {@code url}'s host as {@link #resolve} does: a check ahead of time (a configured URL at
   * start), not a replacement for the guard as the client's DNS.
   *
   * @throws RefusedAddressException when the host resolves to a refused address
   * @throws UnknownHostException     when it does not resolve
   * @throws IllegalArgumentException when the URL has no host
   */
  public void check(URI url) throws UnknownHostException {
    String host = url.getHost();
    if (host == null) {
      throw new IllegalArgumentException("URL has no host: " + url);
    }
    resolve(host);
  }

  private boolean isAllowed(InetAddress a) {
    for (Block b : allowed) {
      if (b.contains(a)) {
        return true;
      }
    }
    return false;
  }

  static boolean isRefused(InetAddress a) {
    return kind(a) != null;
  }

  /** Why {@code a} is refused, or null when it is a public address. */
  static String kind(InetAddress a) {
    if (a.isLoopbackAddress()) {
      return "loopback";
    }
    if (a.isAnyLocalAddress()) {
      return "unspecified";
    }
    if (a.isLinkLocalAddress()) {
      return "link-local/metadata";
    }
    if (a.isMulticastAddress()) {
      return "multicast";
    }
    if (a.isSiteLocalAddress()) {
      return "private";
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 0) {
        return "unspecified";
      }
      if (first == 100 && second >= 64 && second <= 127) {
        return "private"; // carrier-grade NAT, RFC 6598
      }
      if (first == 255) {
        return "broadcast";
      }
    } else if (a instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return "private"; // unique local fc00::/7, which also holds AWS's fd00:ec2::254
      }
      if (isMappedOrCompatible(b)) {
        try {
          return kind(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException impossible) {
          return "private";
        }
      }
    }
    return null;
  }

  /** ::ffff:a.b.c.d and the NAT64 prefix 64:ff9b::/96 both reach an IPv4 address. */
  private static boolean isMappedOrCompatible(byte[] b) {
    boolean mapped = true;
    for (int i = 0; i < 10; i++) {
      mapped &= b[i] == 0;
    }
    mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean nat64 = b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
    for (int i = 4; nat64 && i < 12; i++) {
      nat64 = b[i] == 0;
    }
    return mapped || nat64;
  }

  /** An address or a CIDR block of the allow-list. */
  private record Block(byte[] network, int prefix) {
    static Block parse(String setting, String s) {
      String[] parts = s.split("/", 2);
      try {
        // getByName on a literal never does a lookup; a host name here is a configuration error.
        if (!parts[0].matches("[0-9a-fA-F:.]+")) {
          throw new InvalidInputException(setting + ": '" + s
              + "' is not an IP address or CIDR block");
        }
        byte[] net = InetAddress.getByName(parts[0]).getAddress();
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : net.length * 8;
        if (prefix < 0 || prefix > net.length * 8) {
          throw new InvalidInputException(setting + ": bad prefix in '" + s + "'");
        }
        return new Block(net, prefix);
      } catch (UnknownHostException | NumberFormatException e) {
        throw new InvalidInputException(setting + ": '" + s
            + "' is not an IP address or CIDR block", e);
      }
    }

    boolean contains(InetAddress a) {
      byte[] b = a.getAddress();
      if (b.length != network.length) {
        return false;
      }
      int bits = prefix;
      for (int i = 0; i < b.length && bits > 0; i++, bits -= 8) {
        int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
        if ((b[i] & mask) != (network[i] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
