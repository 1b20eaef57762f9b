package fr.regie.server.map;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import fr.regie.server.ServerContext;
import fr.regie.server.access.ApiKeyFilter;
import fr.regie.server.access.Caller;
import fr.regie.server.map.Declarations.Aggregation;
import fr.regie.server.map.Declarations.Indicator;
import fr.regie.server.map.Geography.Unit;
import fr.regie.server.map.MapServlet.BadParameter;

/**
 * {@code GET /map/value?indicator=ID&unit=U}: one unit's figures as JSON (value, numerator,
 * denominator, rule, scale), over what the caller may see. A regie:NotAggregatable indicator at a
 * scale it is not published at has no value: the answer says where it is published, in French
 * and English, and gives the values of the unit's members at the nearest finer published scale.
 */
final class UnitValue {
    static final Pattern UNIT = Pattern.compile("(iris|region|departement|ept|epci|commune)/[0-9A-Za-z]{1,12}");
    private static final JsonFactory JSON = new JsonFactory();
    private static final Map<Scale, String[]> NAMES = Map.of(
            // scale → French name, French plural, English name, English plural possessive
            Scale.IRIS, new String[] {"IRIS", "IRIS", "IRIS", "IRIS'"},
            Scale.COMMUNE, new String[] {"commune", "communes", "commune", "communes'"},
            Scale.EPT, new String[] {"EPT", "EPT", "EPT", "EPTs'"},
            Scale.EPCI, new String[] {"EPCI", "EPCI", "EPCI", "EPCIs'"},
            Scale.DEPARTEMENT, new String[] {"département", "départements", "département", "départements'"},
            Scale.REGION, new String[] {"région", "régions", "region", "regions'"});

    private final MapServlet servlet;
    private final ServerContext context;
    private final Geography geography;
    private final Values values;

    UnitValue(MapServlet servlet, ServerContext context, Geography geography, Values values) {
        this.servlet = servlet;
        this.context = context;
        this.geography = geography;
        this.values = values;
    }

    /** The unit's IRI: a short form under {@code {base}id/} or such an IRI in full. */
    Node unitIri(String u) {
        String prefix = context.graphs().base() + "id/";
        if (u == null) {
            throw new BadParameter(400, "parameter unit is required: a territory such as commune/93066, iris/930660101, ept/200057867 (or its IRI)");
        }
        String form = u.startsWith(prefix) ? u.substring(prefix.length()) : u;
        if (!UNIT.matcher(form).matches()) {
            throw new BadParameter(400, "parameter unit must be a territory such as commune/93066, iris/930660101, ept/200057867, region/11 "
                    + "or its IRI under " + prefix + ", not " + MapServlet.trim(u));
        }
        return NodeFactory.createURI(prefix + form);
    }

    byte[] answer(HttpServletRequest req) throws IOException {
        MapServlet.only(req, Set.of("indicator", "unit", "lang"));
        Caller caller = ApiKeyFilter.caller(req);
        Indicator indicator = servlet.indicator(req.getParameter("indicator"));
        Node iri = unitIri(req.getParameter("unit"));
        String lang = MapServlet.lang(req);
        return context.store().read(() -> {
            Map.Entry<Scale, Unit> found = geography.unit(caller, iri)
                    .orElseThrow(() -> new BadParameter(404, "parameter unit: no territory " + MapServlet.trim(req.getParameter("unit"))
                            + " in the reference"));
            Scale scale = found.getKey();
            Unit unit = found.getValue();
            Rules.Inputs inputs = values.inputs(caller, indicator, geography.irisCommune(caller));
            Rules.Figures f = Rules.figures(indicator, inputs, scale, unit.iri(), unit.communes());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("indicator", indicator.id());
                g.writeStringField("iri", unit.iri());
                g.writeStringField("url", context.localUrl(unit.iri(), req));
                g.writeStringField("code", unit.code());
                g.writeStringField("name", unit.name());
                g.writeStringField("scale", scale.id());
                g.writeStringField("rule", indicator.aggregation().id());
                g.writeArrayFieldStart("publishedAt");
                for (Scale s : indicator.publishedAt()) {
                    g.writeString(s.id());
                }
                g.writeEndArray();
                g.writeBooleanField("available", inputs.visible(indicator));
                g.writeBooleanField("aggregatable", f.aggregatable());
                MapServlet.number(g, "value", f.value());
                MapServlet.number(g, "numerator", f.numerator());
                MapServlet.number(g, "denominator", f.denominator());
                g.writeStringField("unit", indicator.unit().in(lang));
                g.writeNumberField("communes", unit.communes().size());
                if (!f.aggregatable()) {
                    notPublishedHere(g, indicator, inputs, scale, unit, caller);
                }
                g.writeEndObject();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out.toByteArray();
        });
    }

    /** The message and the members' values of a regie:NotAggregatable indicator at a scale it is not published at. */
    private void notPublishedHere(JsonGenerator g, Indicator indicator, Rules.Inputs inputs, Scale scale, Unit unit, Caller caller) throws IOException {
        List<Scale> published = new ArrayList<>(indicator.scales());
        published.sort(Comparator.reverseOrder());
        Scale members = published.stream().filter(s -> s.ordinal() < scale.ordinal()).findFirst().orElse(null);
        String fr = "publié par " + join(published.stream().map(s -> NAMES.get(s)[0]).toList(), " et ") + " seulement";
        String en = "published per " + join(published.stream().map(s -> NAMES.get(s)[2]).toList(), " and ") + " only";
        if (members == null) {
            fr += " ; aucune valeur pour " + (scale == Scale.IRIS ? "un IRIS" : "ce territoire");
            en += "; no value for " + (scale == Scale.IRIS ? "an IRIS" : "this territory");
        } else {
            fr += " ; voici les valeurs des " + NAMES.get(members)[1] + " membres";
            en += "; here are the member " + NAMES.get(members)[3] + " values";
        }
        g.writeObjectFieldStart("message");
        g.writeStringField("fr", fr);
        g.writeStringField("en", en);
        g.writeEndObject();
        g.writeStringField("membersScale", members == null ? null : members.id());
        g.writeArrayFieldStart("members");
        if (members != null && indicator.aggregation() == Aggregation.NOT_AGGREGATABLE) {
            Map<String, Double> byUnit = inputs.num().orElse(null);
            for (String[] m : members(caller, members, unit)) {
                g.writeStartObject();
                g.writeStringField("iri", m[0]);
                g.writeStringField("code", m[1]);
                g.writeStringField("name", m[2]);
                MapServlet.number(g, "value", byUnit == null ? null : byUnit.get(m[0]));
                g.writeEndObject();
            }
        }
        g.writeEndArray();
    }

    /** The units of {@code scale} in {@code unit} (IRI, code, name), by code. */
    private List<String[]> members(Caller caller, Scale scale, Unit unit) {
        List<String[]> out = new ArrayList<>();
        if (scale == Scale.IRIS) {
            Set<String> communes = Set.copyOf(unit.communes());
            geography.iris(caller).values().stream().filter(i -> communes.contains(i.commune()))
                    .forEach(i -> out.add(new String[] {i.iri(), i.code(), i.name()}));
        } else {
            geography.units(caller, scale, NodeFactory.createURI(unit.iri()), Geography.MIN_ZOOM).orElse(List.of())
                    .forEach(u -> out.add(new String[] {u.iri(), u.code(), u.name()}));
        }
        out.sort(Comparator.comparing((String[] m) -> m[1]));
        return out;
    }

    private static String join(List<String> parts, String and) {
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + and + parts.get(parts.size() - 1);
    }
}
