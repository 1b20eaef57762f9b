/*
 * Régie's API console (/api in a browser): Swagger UI on /api/openapi.json, asking nothing of
 * any other host (validatorUrl: null, no badge). "Try it out" calls the taps of this server and
 * shows the answer and the equivalent curl. Hooks for tests: window.regieSwagger,
 * #swagger-ui[data-ready] once the description is drawn.
 */
(function () {
  "use strict";
  var node = document.getElementById("swagger-ui");
  if (!node || !window.SwaggerUIBundle) {
    return;
  }
  window.regieSwagger = window.SwaggerUIBundle({
    url: node.getAttribute("data-openapi"),
    domNode: node,
    validatorUrl: null,
    deepLinking: false,
    supportedSubmitMethods: ["get"],
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    defaultModelsExpandDepth: -1,
    displayRequestDuration: true,
    onComplete: function () {
      node.setAttribute("data-ready", "true");
    }
  });
})();
