/**
 * Search over labels: {@code /search} finds communes, EPT, stations, festivals, datasets… by the
 * beginning of the words of their names, accents and case aside, in a Lucene index that keeps,
 * for each label, the graph it came from, so that a caller finds only what they may see.
 */
package fr.regie.server.search;
