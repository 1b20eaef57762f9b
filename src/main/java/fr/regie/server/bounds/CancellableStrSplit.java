package fr.regie.server.bounds;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdf.model.impl.Util;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.pfunction.PropFuncArg;
import org.apache.jena.sparql.pfunction.library.strSplit;
import org.apache.jena.sparql.util.IterLib;

/**
 * {@code apf:strSplit} (split a string at a regular expression), split by
 * {@link CancellableRegex}: the same pieces as Jena's, but the split stops when the query is
 * cancelled.
 */
final class CancellableStrSplit extends strSplit {
    @Override
    public QueryIterator execEvaluated(Binding binding, Node subject, Node predicate, PropFuncArg object, ExecutionContext execCxt) {
        if (!object.getArg(0).isLiteral() || !object.getArg(1).isLiteral()) {
            return IterLib.noResults(execCxt);
        }
        String text = object.getArg(0).getLiteralLexicalForm();
        String regex = object.getArg(1).getLiteralLexicalForm();
        List<String> pieces = Arrays.asList(CancellableRegex.split(CancellableRegex.compile("strSplit", regex, null), text,
                CancellableRegex.signal(execCxt)));
        if (Var.isVar(subject)) {
            Var v = Var.alloc(subject);
            Iterator<Binding> it = Iter.map(pieces.iterator(), p -> BindingFactory.binding(binding, v, NodeFactory.createLiteralString(p)));
            return QueryIterPlainWrapper.create(it, execCxt);
        }
        if (Util.isSimpleString(subject) && pieces.contains(subject.getLiteralLexicalForm())) {
            return IterLib.result(binding, execCxt);
        }
        return IterLib.noResults(execCxt);
    }
}
