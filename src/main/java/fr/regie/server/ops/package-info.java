/**
 * Operations over HTTP: each dataset's dump ({@code /datasets/{id}/dump.nq.gz}), change feed
 * ({@code /datasets/{id}/changes}) and its event stream ({@code /datasets/{id}/ldes}), as visible as the dataset itself, and the operator's admin
 * actions ({@code /admin/refresh/{id}}, {@code /admin/reload}), which need the admin key.
 */
package fr.regie.server.ops;
