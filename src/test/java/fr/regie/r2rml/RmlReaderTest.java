package fr.regie.r2rml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RML reader: what it accepts, and that every refusal names the file and line. */
class RmlReaderTest {
    private static final String P = "@prefix rml: <http://w3id.org/rml/> .\n@prefix rr: <http://www.w3.org/ns/r2rml#> .\n"
            + "@prefix ex: <http://ex.org/> .\n@prefix ql: <http://semweb.mmlab.be/ns/ql#> .\n"
            + "@prefix old: <http://semweb.mmlab.be/ns/rml#> .\n@prefix csvw: <http://www.w3.org/ns/csvw#> .\n";

    @TempDir
    Path dir;

    private MappingDocument read(String body) throws IOException {
        return MappingReader.read(Files.writeString(dir.resolve("m.ttl"), P + body));
    }

    private MappingException refused(String body) {
        return assertThrows(MappingException.class, () -> read(body));
    }

    @Test
    void readsCsvwTableAndItsDialect() throws IOException {
        MappingDocument doc = read("""
                ex:M rml:logicalSource [ rml:source [ a csvw:Table ; csvw:url "gares.csv" ;
                                                      csvw:dialect [ csvw:delimiter ";" ; csvw:encoding "ISO-8859-1" ] ] ;
                                         rml:referenceFormulation rml:CSV ] ;
                     rml:subjectMap [ rml:template "http://ex.org/g/{code}" ] .
                """);
        assertTrue(doc.isRml());
        LogicalSource ls = doc.rmlTriplesMaps().get(0).logicalSource();
        assertEquals("gares.csv", ls.name());
        assertEquals(";", ls.dialect().get("delimiter"));
        assertEquals("ISO-8859-1", ls.dialect().get("encoding"));
        assertEquals(dir.toAbsolutePath(), ls.mappingDirectory());
    }

    @Test
    void readsTheLegacyNamespaceWithRrTerms() throws IOException {
        MappingDocument doc = read("""
                ex:M old:logicalSource [ old:source "stations.json" ; old:referenceFormulation ql:JSONPath ; old:iterator "$.data[*]" ] ;
                     rr:subjectMap [ rr:template "http://ex.org/s/{id}" ; rr:class ex:Station ] ;
                     rr:predicateObjectMap [ rr:predicate ex:name ; rr:objectMap [ old:reference "name" ; rr:language "fr" ] ] .
                """);
        RmlTriplesMap tm = doc.rmlTriplesMaps().get(0);
        assertEquals(LogicalSource.Formulation.JSONPATH, tm.logicalSource().formulation());
        assertEquals("$.data[*]", tm.logicalSource().iterator().orElseThrow());
        RmlTermMap o = tm.predicateObjectMaps().get(0).objectMaps().get(0);
        assertEquals(new RmlExpression.Reference("name"), o.expression());
        assertEquals(RmlTermType.LITERAL, o.termType());
        assertTrue(o.language().isPresent());
    }

    @Test
    void refusesMixingSqlAndFiles() {
        MappingException e = refused("""
                ex:A rml:logicalSource [ rml:source "a.csv" ] ; rml:subjectMap [ rml:template "http://ex.org/{a}" ] .
                ex:B rr:logicalTable [ rr:tableName "B" ] ;
                     rr:subjectMap [ rr:template "http://ex.org/{b}" ] .
                """);
        assertTrue(e.getMessage().contains("m.ttl:8"), e.getMessage());
        assertTrue(e.getMessage().contains("mixes"), e.getMessage());
    }

    @Test
    void refusesXPathAndSqlFormulationsAtTheirLine() {
        MappingException x = refused("""
                ex:A rml:logicalSource [ rml:source "a.xml" ;
                                         rml:referenceFormulation rml:XPath ] ;
                     rml:subjectMap [ rml:template "http://ex.org/{a}" ] .
                """);
        assertTrue(x.getMessage().contains("m.ttl:8") && x.getMessage().contains("XPath") && x.getMessage().contains("not supported"), x.getMessage());
        MappingException s = refused("""
                ex:A rml:logicalSource [ rml:source "a.csv" ; rml:referenceFormulation rml:SQL2008Table ] ;
                     rml:subjectMap [ rml:template "http://ex.org/{a}" ] .
                """);
        assertTrue(s.getMessage().contains("m.ttl:7") && s.getMessage().contains("R2RML"), s.getMessage());
    }

    @Test
    void refusesBadJsonPathBadTemplateAndBadLanguage() {
        MappingException path = refused("""
                ex:A rml:logicalSource [ rml:source "a.json" ; rml:referenceFormulation rml:JSONPath ; rml:iterator "$.a[*]]" ] ;
                     rml:subjectMap [ rml:template "http://ex.org/{$.a}" ] .
                """);
        assertTrue(path.getMessage().contains("m.ttl:7") && path.getMessage().contains("JSONPath"), path.getMessage());
        MappingException template = refused("""
                ex:A rml:logicalSource [ rml:source "a.csv" ] ;
                     rml:subjectMap [ rml:template "http://ex.org/{{a}" ] .
                """);
        assertTrue(template.getMessage().contains("m.ttl:8") && template.getMessage().contains("template"), template.getMessage());
        MappingException lang = refused("""
                ex:A rml:logicalSource [ rml:source "a.csv" ] ;
                     rml:subjectMap [ rml:template "http://ex.org/{a}" ] ;
                     rml:predicateObjectMap [ rml:predicate ex:p ; rml:objectMap [ rml:reference "b" ; rml:language "english!" ] ] .
                """);
        assertTrue(lang.getMessage().contains("m.ttl:9") && lang.getMessage().contains("language tag"), lang.getMessage());
    }

    @Test
    void refusesLiteralSubjectsAndTwoSubjectMaps() {
        assertTrue(refused("""
                ex:A rml:logicalSource [ rml:source "a.csv" ] ;
                     rml:subjectMap [ rml:reference "a" ; rml:termType rml:Literal ] .
                """).getMessage().contains("cannot have term type"));
        assertTrue(refused("""
                ex:A rml:logicalSource [ rml:source "a.csv" ] ;
                     rml:subjectMap [ rml:reference "a" ] , [ rml:reference "b" ] .
                """).getMessage().contains("exactly one subject map"));
    }

    @Test
    void aJoinWithoutConditionNeedsTheSameSource() {
        MappingException e = refused("""
                ex:A rml:logicalSource [ rml:source "a.csv" ] ; rml:subjectMap [ rml:template "http://ex.org/{a}" ] ;
                     rml:predicateObjectMap [ rml:predicate ex:p ; rml:objectMap [ rml:parentTriplesMap ex:B ] ] .
                ex:B rml:logicalSource [ rml:source "b.csv" ] ; rml:subjectMap [ rml:template "http://ex.org/{b}" ] .
                """);
        assertTrue(e.getMessage().contains("m.ttl:8") && e.getMessage().contains("rml:joinCondition"), e.getMessage());
    }

    @Test
    void enginesRefuseTheOtherLanguage() throws IOException {
        MappingDocument rml = read("""
                ex:A rml:logicalSource [ rml:source "a.csv" ] ; rml:subjectMap [ rml:template "http://ex.org/{a}" ] .
                """);
        assertThrows(MappingException.class, () -> R2rml.create().mapping(rml).database(null).build());
        MappingDocument r2rml = MappingReader.readString(P + """
                ex:B rr:logicalTable [ rr:tableName "B" ] ; rr:subjectMap [ rr:template "http://ex.org/{b}" ] .
                """, "r2rml.ttl");
        assertFalse(r2rml.isRml());
        assertThrows(MappingException.class, () -> Rml.create().mapping(r2rml).sources(s -> null).build());
        assertEquals(List.of(), r2rml.rmlTriplesMaps());
    }
}
