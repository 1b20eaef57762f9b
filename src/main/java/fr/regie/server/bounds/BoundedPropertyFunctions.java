package fr.regie.server.bounds;

import java.util.Iterator;

import org.apache.jena.sparql.pfunction.PropertyFunction;
import org.apache.jena.sparql.pfunction.PropertyFunctionFactory;
import org.apache.jena.sparql.pfunction.PropertyFunctionRegistry;
import org.apache.jena.sparql.pfunction.library.strSplit;

/**
 * The property functions a query may use, as Jena's registry has them, except
 * {@code apf:strSplit} (which splits at a regular expression): its cancellable twin. Read
 * through to the global registry at each lookup, like {@link BoundedFunctions}.
 */
final class BoundedPropertyFunctions extends PropertyFunctionRegistry {
    @Override
    public PropertyFunctionFactory get(String uri) {
        PropertyFunctionFactory f = PropertyFunctionRegistry.get().get(uri);
        return f == null ? null : u -> bounded(f.create(u));
    }

    private static PropertyFunction bounded(PropertyFunction f) {
        return f instanceof strSplit && !(f instanceof CancellableStrSplit) ? new CancellableStrSplit() : f;
    }

    @Override
    public boolean manages(String uri) {
        return PropertyFunctionRegistry.get().manages(uri);
    }

    @Override
    public boolean isRegistered(String uri) {
        return PropertyFunctionRegistry.get().isRegistered(uri);
    }

    @Override
    public Iterator<String> keys() {
        return PropertyFunctionRegistry.get().keys();
    }
}
