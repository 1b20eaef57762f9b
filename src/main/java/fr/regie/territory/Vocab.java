package fr.regie.territory;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/** The ontology's terms (ontology/regie.ttl) and the reused vocabularies' terms Régie code uses. */
public final class Vocab {
    private Vocab() {}

    public static final String REGIE = "https://w3id.org/regie#";
    public static final String IGEO = "http://rdf.insee.fr/def/geo#";
    public static final String GEO = "http://www.opengis.net/ont/geosparql#";
    public static final String GEOF = "http://www.opengis.net/def/function/geosparql/";
    public static final String SCHEMA = "https://schema.org/";
    public static final String WGS = "http://www.w3.org/2003/01/geo/wgs84_pos#";

    private static Node regie(String local) {
        return NodeFactory.createURI(REGIE + local);
    }

    private static Node igeo(String local) {
        return NodeFactory.createURI(IGEO + local);
    }

    private static Node geo(String local) {
        return NodeFactory.createURI(GEO + local);
    }

    // Territories (igeo)
    public static final Node Commune = igeo("Commune");
    public static final Node CommuneDeleguee = igeo("CommuneDeleguee");
    public static final Node CommuneAssociee = igeo("CommuneAssociee");
    public static final Node ArrondissementMunicipal = igeo("ArrondissementMunicipal");
    public static final Node codeINSEE = igeo("codeINSEE");
    public static final Node nom = igeo("nom");
    public static final Node subdivisionDirecteDe = igeo("subdivisionDirecteDe");
    public static final Node subdivisionDe = igeo("subdivisionDe");
    public static final Node IRIS = igeo("IRIS");

    // Régie
    public static final Node CommuneChange = regie("CommuneChange");
    public static final Node codeBefore = regie("codeBefore");
    public static final Node codeAfter = regie("codeAfter");
    public static final Node typeAfter = regie("typeAfter");
    public static final Node effectiveDate = regie("effectiveDate");
    public static final Node Boundary = regie("Boundary");
    public static final Node communeCode = regie("communeCode");
    public static final Node inCommune = regie("inCommune");
    public static final Node inDelegatedCommune = regie("inDelegatedCommune");
    public static final Node inMunicipalArrondissement = regie("inMunicipalArrondissement");
    public static final Node inIris = regie("inIris");

    // GeoSPARQL
    public static final Node hasGeometry = geo("hasGeometry");
    public static final Node asWKT = geo("asWKT");
    public static final Node wktLiteral = geo("wktLiteral");
}
