package fr.regie.server.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.OpWalker;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.aggregate.AggCount;
import org.apache.jena.sparql.expr.aggregate.AggCountVar;
import org.apache.jena.sparql.expr.aggregate.AggSum;
import org.apache.jena.sparql.expr.aggregate.Aggregator;
import org.junit.jupiter.api.Test;

import fr.regie.registry.VocabularyTerm;
import fr.regie.registry.Vocabularies;

/**
 * The {@code indicators} tap restricts itself to additive counts, so that it cannot contradict
 * the aggregation rules of the indicators (regie:Sum, regie:RatioOfSums, regie:WeightedMean,
 * regie:NotAggregatable): every SUM it takes is of a value that only properties the ontology
 * declares {@code regie:aggregation regie:Sum} give, and every COUNT counts records (a variable in
 * subject position), never values. Read from the tap's query as the server compiles it.
 */
class IndicatorsTapRulesTest {
    static final String SUM = "https://w3id.org/regie#Sum";

    @Test
    void everyColumnTheTapSumsIsARegieSumQuantity() throws Exception {
        Query q = QueryFactory.create(Files.readString(Path.of("examples/plaine-commune/taps/indicators.rq")), "https://t.example/");
        Op op = Algebra.compile(q);
        List<Triple> triples = new ArrayList<>();
        List<Aggregator> aggregators = new ArrayList<>();
        OpWalker.walk(op, new OpVisitorBase() {
            @Override
            public void visit(OpBGP bgp) {
                triples.addAll(bgp.getPattern().getList());
            }

            @Override
            public void visit(OpGroup g) {
                g.getAggregators().stream().map(ExprAggregator::getAggregator).forEach(aggregators::add);
            }
        });
        Vocabularies ontology = Vocabularies.regie();
        Set<String> summed = new TreeSet<>();
        int counts = 0;
        for (Aggregator a : aggregators) {
            if (a instanceof AggSum s) {
                Node v = s.getExprList().get(0).asVar();
                List<Node> predicates = triples.stream().filter(t -> t.getObject().equals(v)).map(Triple::getPredicate).toList();
                assertFalse(predicates.isEmpty(), "SUM(" + v + ") is of a value the pattern gives");
                for (Node p : predicates) {
                    Optional<Node> rule = ontology.term(p).flatMap(VocabularyTerm::aggregation);
                    assertEquals(Optional.of(SUM), rule.map(Node::getURI), "SUM(" + v + ") reads " + p + ", which the ontology must declare regie:Sum");
                    summed.add(p.getURI());
                }
            } else if (a instanceof AggCountVar c) {
                Node v = c.getExprList().get(0).asVar();
                assertTrue(triples.stream().anyMatch(t -> t.getSubject().equals(v)) || triples.stream().noneMatch(t -> t.getObject().equals(v)),
                        "COUNT(" + v + ") counts records, not values");
                assertFalse(c.toString().contains("DISTINCT"), "a count of records adds up across communes only without DISTINCT: " + c);
                counts++;
            } else {
                assertTrue(a instanceof AggCount, "the tap aggregates by SUM and COUNT only, not " + a);
            }
        }
        assertEquals(Set.of("https://w3id.org/regie#populationMunicipale", "https://w3id.org/regie#dockCount"), summed);
        assertEquals(5, counts, "communes, Vélib' stations, SNCF stations, IDFM stations and festivals");
    }
}
