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
  // Names for Swagger UI's unnamed controls, and keyboard access to its scrolling code boxes
  // (WCAG 2.1: 4.1.2, 2.1.1), each time it draws.
  function fix() {
    Array.prototype.forEach.call(node.querySelectorAll(".copy-to-clipboard button:not([aria-label])"), function (b) {
      b.setAttribute("aria-label", "Copy");
    });
    Array.prototype.forEach.call(node.querySelectorAll("select:not([aria-label])"), function (s) {
      var row = s.closest("[data-param-name]");
      s.setAttribute("aria-label", s.id === "servers" ? "Server" : row ? row.getAttribute("data-param-name") : "Choice");
    });
    Array.prototype.forEach.call(node.querySelectorAll(".microlight:not([tabindex]), .highlight-code pre:not([tabindex])"), function (p) {
      p.setAttribute("tabindex", "0");
    });
  }
  new MutationObserver(fix).observe(node, { childList: true, subtree: true });

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
    // Its highlighting colours fall below a contrast of 4.5:1 on its dark boxes.
    syntaxHighlight: { activated: false },
    onComplete: function () {
      node.setAttribute("data-ready", "true");
    }
  });
})();
