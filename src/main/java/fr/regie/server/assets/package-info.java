/**
 * The files pages load ({@code /assets/…}): Régie's own stylesheet and scripts, the front-end
 * libraries taken as WebJars from Maven Central (Leaflet, Swagger UI) and those vendored from
 * their npm distribution (YASGUI), all from the class path: nothing comes from a CDN.
 * {@link fr.regie.server.assets.Assets} names them; THIRD-PARTY.md lists versions and licences.
 */
package fr.regie.server.assets;
