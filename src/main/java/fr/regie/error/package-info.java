/**
 * The base of Régie's own errors ({@link fr.regie.error.RegieException}): below every other
 * package, so that each may raise one and the command line recognise them all.
 */
package fr.regie.error;
