package fr.regie.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.Test;

/** {@link StoreTerms#canonical(Node)} is the term a TDB2 store gives back, for every kind of literal Régie writes. */
class StoreTermsTest {
    private static Node lit(String lexical, XSDDatatype type) {
        return NodeFactory.createLiteralDT(lexical, type);
    }

    private static final List<Node> WRITTEN = List.of(
            lit("75", XSDDatatype.XSDdecimal), lit("75.0", XSDDatatype.XSDdecimal), lit("75.50", XSDDatatype.XSDdecimal),
            lit("-0", XSDDatatype.XSDdecimal), lit("0.000", XSDDatatype.XSDdecimal), lit("123456789012345678901234.5", XSDDatatype.XSDdecimal),
            lit("3.0E1", XSDDatatype.XSDdouble), lit("1.5E3", XSDDatatype.XSDdouble), lit("-0.0E0", XSDDatatype.XSDdouble),
            lit("0.0E0", XSDDatatype.XSDdouble), lit("NaN", XSDDatatype.XSDdouble), lit("INF", XSDDatatype.XSDdouble),
            lit("-INF", XSDDatatype.XSDdouble), lit("1.0E300", XSDDatatype.XSDdouble), lit("4.9E-324", XSDDatatype.XSDdouble),
            lit("7.022E1", XSDDatatype.XSDfloat), lit("0075", XSDDatatype.XSDinteger), lit("+5", XSDDatatype.XSDinteger),
            lit("12345678901234567890123", XSDDatatype.XSDinteger), lit("-9223372036854775808", XSDDatatype.XSDinteger),
            lit("075", XSDDatatype.XSDint), lit("1", XSDDatatype.XSDboolean), lit("false", XSDDatatype.XSDboolean),
            lit("2024-01-01T00:00:00.500", XSDDatatype.XSDdateTime), lit("2024-01-01T10:00:00+02:00", XSDDatatype.XSDdateTime),
            lit("2024-01-01T10:00:00Z", XSDDatatype.XSDdateTime), lit("2024-01-01T00:00:00.1234", XSDDatatype.XSDdateTime),
            lit("2024-02-29", XSDDatatype.XSDdate), lit("2024-02-29+02:00", XSDDatatype.XSDdate), lit("12:00:00.500", XSDDatatype.XSDtime),
            lit("00FF", XSDDatatype.XSDhexBinary), lit("7a", XSDDatatype.XSDinteger), NodeFactory.createLiteralLang("Évry", "fr-fr"),
            NodeFactory.createLiteralString("0075"), NodeFactory.createURI("https://t.example/id/élève/1"), NodeFactory.createBlankNode());

    @Test
    void canonicalIsWhatTdb2GivesBack() {
        DatasetGraph dsg = DatabaseMgr.createDatasetGraph();
        Node g = NodeFactory.createURI("https://t.example/g");
        Node s = NodeFactory.createURI("https://t.example/s");
        Node p = NodeFactory.createURI("https://t.example/p");
        List<String> wrong = new ArrayList<>();
        try {
            for (Node written : WRITTEN) {
                Node back = Txn.calculateWrite(dsg, () -> {
                    dsg.deleteAny(g, s, p, Node.ANY);
                    dsg.add(g, s, p, written);
                    return dsg.find(g, s, p, Node.ANY).next().getObject();
                });
                if (!back.equals(StoreTerms.canonical(written))) {
                    wrong.add(written + ": the store gives " + back + ", canonical says " + StoreTerms.canonical(written));
                }
            }
        } finally {
            TDBInternal.expel(dsg);
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void termsTheStoreKeepsAreLeftAlone() {
        Node iri = NodeFactory.createURI("https://t.example/id/commune/93066");
        assertSame(iri, StoreTerms.canonical(iri));
        Node text = NodeFactory.createLiteralString("75");
        assertSame(text, StoreTerms.canonical(text));
        assertNotEquals(lit("75", XSDDatatype.XSDdecimal), StoreTerms.canonical(lit("75", XSDDatatype.XSDdecimal)),
                "a whole decimal comes back in another form, which is why data meets the store through canonical");
    }
}
