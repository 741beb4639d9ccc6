// Swagger UI over this console's own OpenAPI document. validatorUrl null: no request leaves the
// machine (Swagger UI would otherwise ask validator.swagger.io for a badge).
window.addEventListener('DOMContentLoaded', () => {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    validatorUrl: null,
    deepLinking: true,
    persistAuthorization: false,
  });
});
