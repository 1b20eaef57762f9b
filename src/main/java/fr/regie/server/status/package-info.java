/** {@code /status}: what ran, what failed and what runs next, per dataset the caller may see. */
package fr.regie.server.status;
