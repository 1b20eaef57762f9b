package fr.regie.server.partner;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A partner's page as JSON: the same facts as the HTML, with stable field names, numbers as
 * numbers, and the last check reports as their own JSON ({@code CheckReport.toJson()}).
 */
final class PartnerJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PartnerJson() {}

    static ObjectNode of(PartnerView v, List<String> checkReports) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("partner", v.id());
        o.put("name", v.name());
        o.put("page", v.page());
        o.put("versionsPerPage", v.perPage());
        ArrayNode ds = o.putArray("datasets");
        for (PartnerView.Dataset d : v.datasets()) {
            ObjectNode j = ds.addObject();
            j.put("id", d.id());
            j.put("title", d.title());
            j.put("access", d.access().name().toLowerCase(Locale.ROOT));
            j.put("liveVersion", d.liveVersion());
            d.modified().ifPresentOrElse(m -> j.put("modified", m), () -> j.putNull("modified"));
            d.triples().ifPresentOrElse(t -> j.put("triples", t), () -> j.putNull("triples"));
            j.put("versionCount", d.versionCount());
            ArrayNode vs = j.putArray("versions");
            for (PartnerView.Version x : d.versions()) {
                ObjectNode vj = vs.addObject();
                vj.put("version", x.version());
                vj.put("time", x.time());
                vj.put("added", x.added());
                vj.put("removed", x.removed());
                x.run().ifPresentOrElse(r -> vj.set("run", run(r)), () -> vj.putNull("run"));
            }
            ArrayNode others = j.putArray("otherRuns");
            d.otherRuns().forEach(r -> others.add(run(r)));
        }
        o.put("notPlacedNote", "the store records how many records a run could not place, not which: the check reports list them");
        ArrayNode checks = o.putArray("checkReports");
        for (String json : checkReports) {
            try {
                checks.add(MAPPER.readTree(json));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a kept check report is not JSON", e);
            }
        }
        return o;
    }

    private static ObjectNode run(PartnerView.Run r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("activity", r.activity());
        o.put("started", r.started());
        o.put("ended", r.ended());
        o.put("outcome", r.outcome());
        o.put("message", r.message());
        o.put("rowsRead", r.rowsRead());
        o.put("added", r.added());
        o.put("removed", r.removed());
        ObjectNode q = o.putObject("quality");
        q.put("violations", r.quality().violations());
        q.put("warnings", r.quality().warnings());
        q.put("notPlaced", r.quality().notPlaced());
        numbers(q.putObject("placedByPath"), r.quality().placedByPath());
        numbers(q.putObject("byShape"), r.quality().byShape());
        ObjectNode c = q.putObject("completeness");
        r.quality().completeness().forEach((k, v) -> {
            try {
                c.put(k, new java.math.BigDecimal(v));
            } catch (NumberFormatException notANumber) {
                c.put(k, v);
            }
        });
        ArrayNode ex = o.putArray("shaclExamples");
        r.examples().forEach(ex::add);
        ArrayNode np = o.putArray("notPlacedExamples");
        r.notPlaced().forEach(np::add);
        ArrayNode m = o.putArray("mappingFiles");
        for (PartnerView.MappingFile f : r.mappings()) {
            m.addObject().put("file", f.file()).put("sha256", f.sha256());
        }
        return o;
    }

    private static void numbers(ObjectNode o, Map<String, Long> values) {
        values.forEach(o::put);
    }
}
