package io.wirewatch.model;

/**
 * The user's input cannot be used: a file, an id, a query, an option's value. The command line
 * reports its message in one line with exit code 2; any other exception reaching it is a bug.
 * An {@link IllegalArgumentException}, so that code checking arguments may throw it where an
 * argument comes from the user.
 */
public class InvalidInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
