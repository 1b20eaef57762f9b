package fr.regie.cli;

import java.util.List;

import fr.regie.server.Feature;
import fr.regie.server.catalog.CatalogFeature;
import fr.regie.server.status.StatusFeature;

/** The features of a full Régie server, in the order they are installed. */
final class ServerFeatures {
    private ServerFeatures() {}

    static List<Feature> all() {
        return List.of(new StatusFeature(), new CatalogFeature());
    }
}
