/**
 * Who is calling and what they may see: API keys map to partners (or to the operator, for admin
 * operations); each dataset's access level decides which graphs a caller sees, on every path; a
 * rate limit per caller (and per address for wrong keys), in bounded memory, protects the server.
 */
package fr.regie.server.access;
