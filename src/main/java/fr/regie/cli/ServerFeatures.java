package fr.regie.cli;

import java.util.List;

import fr.regie.server.Feature;
import fr.regie.server.assets.AssetsFeature;
import fr.regie.server.catalog.CatalogFeature;
import fr.regie.server.datasetpage.DatasetPageFeature;
import fr.regie.server.editor.EditorFeature;
import fr.regie.server.home.HomeFeature;
import fr.regie.server.map.MapFeature;
import fr.regie.server.metrics.MetricsFeature;
import fr.regie.server.ops.AdminFeature;
import fr.regie.server.ops.DatasetsFeature;
import fr.regie.server.partner.PartnerFeature;
import fr.regie.server.replication.ReplicationFeature;
import fr.regie.server.resource.ResourceFeature;
import fr.regie.server.search.SearchFeature;
import fr.regie.server.status.StatusFeature;
import fr.regie.server.tap.TapFeature;

/** The features of a full Régie server, in the order they are installed. */
public final class ServerFeatures {
    private ServerFeatures() {}

    public static List<Feature> all() {
        // Replication first: on a read replica its filter answers writes before any other feature sees them.
        return List.of(new ReplicationFeature(), new StatusFeature(), new ResourceFeature(),
                // The editor answers browsers on /sparql before the catalog's service description does.
                new EditorFeature(), new CatalogFeature(), new DatasetPageFeature(), new DatasetsFeature(), new AdminFeature(),
                new TapFeature(), new PartnerFeature(), new MetricsFeature(), new HomeFeature(), new MapFeature(), new AssetsFeature(), new SearchFeature());
    }
}
