// Swagger UI for /docs, from the npm package swagger-ui-dist served by the app (no CDN).
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
