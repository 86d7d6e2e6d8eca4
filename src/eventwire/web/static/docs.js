/* The API reference page: Swagger UI (from npm, served locally) over the generated OpenAPI document. */
window.addEventListener("load", function () {
  "use strict";
  window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", validatorUrl: null, deepLinking: true });
});
