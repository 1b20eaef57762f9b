package fr.regie.server.map;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;

import fr.regie.registry.Vocabularies;
import fr.regie.server.map.Declarations.Aggregation;
import fr.regie.server.map.Declarations.Measure;

/**
 * What the ontology (and the partners' vocabularies) says of the properties measures read
 * ({@code regie:measures}): the property must be declared, and an indicator's rule may not
 * contradict the property's declared aggregation.
 */
final class OntologyCheck {
    private static final String REGIE = Declarations.REGIE;

    private OntologyCheck() {}

    /** The property a measure says it reads (regie:measures), which the ontology or a partner vocabulary must declare. */
    static Optional<String> property(Path file, Resource r, Vocabularies vocabularies) {
        Statement s = r.getProperty(r.getModel().createProperty(REGIE + "measures"));
        if (s == null) {
            return Optional.empty();
        }
        if (!s.getObject().isURIResource() || vocabularies.term(s.getResource().asNode()).isEmpty()) {
            throw Declarations.error(file, r, "has regie:measures " + (s.getObject().isURIResource() ? Declarations.shortName(s.getResource().getURI()) : s.getObject())
                    + ", which neither the ontology nor a partner vocabulary declares");
        }
        return Optional.of(s.getResource().getURI());
    }

    /**
     * Why the rule contradicts what the ontology says of a property a measure reads: a sum,
     * ratio of sums or weight must read a regie:Sum property; a weighted mean's values may not be
     * regie:NotAggregatable, and its weight is the property's regie:weightedBy when it names one.
     */
    static Optional<String> contradiction(Aggregation agg, Measure num, Optional<Measure> den, Optional<Measure> weight, Vocabularies v) {
        List<Measure> added = new ArrayList<>();
        if (agg == Aggregation.SUM || agg == Aggregation.RATIO_OF_SUMS) {
            added.add(num);
        }
        den.ifPresent(added::add);
        weight.ifPresent(added::add);
        for (Measure m : added) {
            Optional<String> declared = m.property().flatMap(p -> declaredAggregation(v, p));
            if (m.property().isPresent() && !declared.equals(Optional.of(Aggregation.SUM.iri))) {
                return Optional.of("adds up " + m.key() + ", which measures " + Declarations.shortName(m.property().get()) + ", declared "
                        + declared.map(Declarations::shortName).orElse("with no regie:aggregation") + " in the ontology, not regie:Sum");
            }
        }
        if (agg == Aggregation.WEIGHTED_MEAN && num.property().isPresent()) {
            Optional<String> declared = declaredAggregation(v, num.property().get());
            if (declared.equals(Optional.of(Aggregation.NOT_AGGREGATABLE.iri))) {
                return Optional.of("takes a regie:WeightedMean of " + num.key() + ", which measures " + Declarations.shortName(num.property().get())
                        + ", declared regie:NotAggregatable in the ontology");
            }
            Optional<String> by = v.term(NodeFactory.createURI(num.property().get())).flatMap(t -> t.weightedBy())
                    .map(Node::getURI);
            Optional<String> mine = weight.flatMap(Measure::property);
            if (by.isPresent() && mine.isPresent() && !by.equals(mine)) {
                return Optional.of("weights " + Declarations.shortName(num.property().get()) + " by " + Declarations.shortName(mine.get())
                        + ", and the ontology says it is weighted by " + Declarations.shortName(by.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> declaredAggregation(Vocabularies v, String property) {
        return v.term(NodeFactory.createURI(property)).flatMap(t -> t.aggregation()).map(Node::getURI);
    }

}
