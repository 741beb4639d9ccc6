package io.wirewatch.notify.deliver;

import java.net.URI;
import java.util.Map;

/** POSTs a message and says what came back; {@link HttpTransport} over the network, a fake in tests. */
public interface Transport extends AutoCloseable {

  /** Never throws for a failed request: the failure is an {@link Answer} with status 0. */
  Answer post(URI url, Map<String, String> headers, byte[] body);

  @Override
  void close();
}
