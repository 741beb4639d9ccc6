/**
 * The HTTP side: the routes of the API and their OpenAPI document ({@link io.wirewatch.console.http.ConsoleServer},
 * on Javalin), the token check ({@link io.wirewatch.console.http.AccessGuard}, {@link io.wirewatch.console.http.AccessToken}),
 * the error shape {@code {"error": ..., "detail": ...}} ({@link io.wirewatch.console.http.ApiError}), the
 * Server-Sent Events stream ({@link io.wirewatch.console.http.EventsHandler}) and the dashboard's
 * static files (in this package's {@code web} resources; JavaScript libraries come as WebJars).
 *
 * <p>Decides status codes, parameters and who may call what. Knows nothing of Kafka: it asks the
 * views, editors, previews and event feed it is given.
 */
package io.wirewatch.console.http;
