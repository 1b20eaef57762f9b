/**
 * What every page for people shares: the language of the reader ({@link fr.regie.server.page.Lang}),
 * the texts in French and English ({@link fr.regie.server.page.Messages}) and the page around each
 * feature's content ({@link fr.regie.server.page.Layout}: head, navigation, language switch, footer,
 * the one stylesheet). A feature writes its own {@code <main>} content and nothing else.
 */
package fr.regie.server.page;
