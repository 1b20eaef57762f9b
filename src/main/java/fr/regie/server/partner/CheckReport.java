package fr.regie.server.partner;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The lead's {@code fr.regie.pipeline.CheckReport} as its contract gives it (issue 11, point 2), so
 * that the endpoint and its page are written before it lands on main; removed then, for the real one.
 */
record CheckReport(String dataset, Instant at, Duration took, boolean ok, List<String> errors, long rows, long triples,
                   long linkedDirect, long linkedThroughHistory, long linkedByGeometry, long notPlaced, List<String> notPlacedRecords,
                   boolean conforms, long violations, long warnings, List<String> shaclExamples, List<String> undeclaredTerms,
                   long added, long removed, long unchanged, List<String> removedExamples, Map<String, String> sourceNotes) {

    String toJson() {
        var o = PartnerJson.MAPPER.createObjectNode();
        o.put("dataset", dataset).put("at", at.toString()).put("took", took.toString()).put("ok", ok);
        errors.forEach(o.putArray("errors")::add);
        o.put("rows", rows).put("triples", triples).put("linkedDirect", linkedDirect).put("linkedThroughHistory", linkedThroughHistory)
                .put("linkedByGeometry", linkedByGeometry).put("notPlaced", notPlaced);
        notPlacedRecords.forEach(o.putArray("notPlacedRecords")::add);
        o.put("conforms", conforms).put("violations", violations).put("warnings", warnings);
        shaclExamples.forEach(o.putArray("shaclExamples")::add);
        undeclaredTerms.forEach(o.putArray("undeclaredTerms")::add);
        o.put("added", added).put("removed", removed).put("unchanged", unchanged);
        removedExamples.forEach(o.putArray("removedExamples")::add);
        var notes = o.putObject("sourceNotes");
        sourceNotes.forEach(notes::put);
        return o.toString();
    }
}
