package fr.regie.server.datasetpage;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.graph.Node;

import fr.regie.pipeline.MetaRecords;
import fr.regie.registry.AccessLevel;
import fr.regie.registry.DatasetSpec;

/**
 * What a dataset page shows, gathered by {@link DatasetPageFilter} and written by
 * {@link DatasetPage}: the registry's declaration (and the name of the place it covers), the live version's records, a page of rows,
 * the downloads with their sizes and the taps that read the dataset.
 */
record DatasetView(DatasetSpec spec, AccessLevel access, Optional<String> coverage, Optional<String> nextRun, MetaRecords.DatasetStatus status,
                   List<MetaRecords.Version> history, long versions, Optional<MetaRecords.Run> liveRun, Table table,
                   List<Download> downloads, List<TapLink> taps, String editorQuery) {

    /** A page of the table: the subjects shown, the columns, the total and the page's number. */
    record Table(List<Node> columns, Map<Node, Map<Node, List<Node>>> rows, long subjects, int page, int pages, int pageSize) {}

    /** A download: what it is, where, its media type and its size in bytes (empty when it could not be made). */
    record Download(String label, String url, String mediaType, Optional<Long> bytes) {}

    /** A tap that reads the dataset. */
    record TapLink(String name, String title) {}
}
