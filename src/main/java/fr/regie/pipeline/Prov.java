package fr.regie.pipeline;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

import fr.regie.territory.Vocab;

/** PROV-O, DQV and Régie terms the metadata graph uses. */
final class Prov {
    private Prov() {}

    static final String PROV = "http://www.w3.org/ns/prov#";
    static final String DQV = "http://www.w3.org/ns/dqv#";
    static final String DCAT = "http://www.w3.org/ns/dcat#";
    static final String DCT = "http://purl.org/dc/terms/";

    private static Node u(String s) {
        return NodeFactory.createURI(s);
    }

    static final Node Activity = u(PROV + "Activity");
    static final Node startedAtTime = u(PROV + "startedAtTime");
    static final Node endedAtTime = u(PROV + "endedAtTime");
    static final Node used = u(PROV + "used");
    static final Node generated = u(PROV + "generated");
    static final Node wasGeneratedBy = u(PROV + "wasGeneratedBy");
    static final Node Entity = u(PROV + "Entity");
    static final Node specializationOf = u(PROV + "specializationOf");
    /** A version's number on the version itself ({@code regie:version} stays the dataset's live version, one per metadata graph). */
    static final Node dcatVersion = u(DCAT + "version");
    static final Node QualityMeasurement = u(DQV + "QualityMeasurement");
    static final Node computedOn = u(DQV + "computedOn");
    static final Node isMeasurementOf = u(DQV + "isMeasurementOf");
    static final Node value = u(DQV + "value");
    static final Node Dataset = u(DCAT + "Dataset");
    static final Node modified = u(DCT + "modified");
    static final Node identifier = u(DCT + "identifier");
    static final Node title = u(DCT + "title");

    static final Node outcome = u(Vocab.REGIE + "outcome");
    static final Node message = u(Vocab.REGIE + "message");
    static final Node version = u(Vocab.REGIE + "version");
    static final Node source = u(Vocab.REGIE + "sourceDescription");
    static final Node mappingFile = u(Vocab.REGIE + "mappingFile");
    static final Node sha256 = u(Vocab.REGIE + "sha256");
    static final Node rowsRead = u(Vocab.REGIE + "rowsRead");
    static final Node triplesAdded = u(Vocab.REGIE + "triplesAdded");
    static final Node triplesRemoved = u(Vocab.REGIE + "triplesRemoved");
    static final Node incremental = u(Vocab.REGIE + "incremental");
    static final Node report = u(Vocab.REGIE + "qualityReport");
    static final Node lastRefresh = u(Vocab.REGIE + "lastRefresh");
    static final Node refresh = u(Vocab.REGIE + "refresh");
    static final Node shape = u(Vocab.REGIE + "shape");
    static final Node property = u(Vocab.REGIE + "property");
    static final Node triples = u(Vocab.REGIE + "tripleCount");

    // Metrics (dqv:Metric individuals declared in the ontology).
    static final Node ShaclViolations = u(Vocab.REGIE + "shaclViolations");
    static final Node ShaclWarnings = u(Vocab.REGIE + "shaclWarnings");
    static final Node UnmatchedRecords = u(Vocab.REGIE + "unmatchedRecords");
    static final Node Completeness = u(Vocab.REGIE + "completeness");
    static final Node RecordsPlaced = u(Vocab.REGIE + "recordsPlaced");
    static final Node RecordsPlacedInIris = u(Vocab.REGIE + "recordsPlacedInIris");
    static final Node qualityExample = u(Vocab.REGIE + "qualityExample");
    static final Node notPlacedExample = u(Vocab.REGIE + "notPlacedExample");
}
