package io.wirewatch.console.http;

/**
 * A request the API refuses, answered as {@code {"error": error, "detail": detail}} with {@code status}.
 *
 * @see ConsoleServer for the exceptions mapped to the same shape
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;
  private final transient Object detail;

  public ApiError(int status, String error, Object detail) {
    super(error + (detail == null ? "" : ": " + detail));
    this.status = status;
    this.error = error;
    this.detail = detail;
  }

  public static ApiError notFound(String what) {
    return new ApiError(404, "not found", what);
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public Object detail() {
    return detail;
  }

  /** The body of an error response. {@code detail} is a string or an object; null is left out. */
  public record Body(String error, Object detail) {}
}
