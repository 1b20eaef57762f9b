/**
 * A partner's own page ({@code /partners/{id}}, HTML and JSON, with the partner's key or the
 * operator's): its datasets whatever their access level, their versions with the quality each run
 * recorded, the records not placed, its mapping files and their hashes, its last check reports;
 * and {@code POST /partners/{id}/check}, which maps an uploaded mapping (and sample) for one of its
 * datasets against the live store without changing it.
 */
package fr.regie.server.partner;
