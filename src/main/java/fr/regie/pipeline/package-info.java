/**
 * The life of a dataset: the registry that declares it (DCAT terms plus a few of Régie's), and
 * its build — map the partner's tables, link the records to the territory, validate with SHACL —
 * before it is written to its named graph.
 */
package fr.regie.pipeline;
