package fr.regie.r2rml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The mapping reader rejects what the Recommendation does not allow, and says where: the file,
 * the line, the triples map and the rule.
 */
class MappingReaderTest {
    private static final String PREFIXES = """
            @prefix rr: <http://www.w3.org/ns/r2rml#> .
            @prefix ex: <http://example.com/ns#> .
            """;

    private static MappingException reject(String body) {
        return assertThrows(MappingException.class, () -> MappingReader.readString(PREFIXES + body, "partner.ttl"));
    }

    @Test
    void readsAWellFormedMapping() {
        MappingDocument doc = MappingReader.readString(PREFIXES + """
                <#Stations> a rr:TriplesMap ;
                    rr:logicalTable [ rr:tableName "stations" ] ;
                    rr:subjectMap [ rr:template "http://example.com/station/{code}" ; rr:class ex:Station ] ;
                    rr:predicateObjectMap [ rr:predicate ex:name ; rr:objectMap [ rr:column "name" ; rr:language "fr" ] ] ;
                    rr:predicateObjectMap [ rr:predicate ex:city ;
                        rr:objectMap [ rr:parentTriplesMap <#Cities> ; rr:joinCondition [ rr:child "insee" ; rr:parent "code" ] ] ] .
                <#Cities> rr:logicalTable [ rr:sqlQuery "SELECT code, name FROM cities" ] ;
                    rr:subject ex:constantSubject .
                """, "partner.ttl");
        assertEquals(2, doc.triplesMaps().size());
        TriplesMap stations = doc.triplesMaps().get(0);
        assertEquals("<Stations>", stations.name());
        assertEquals(new LogicalTable.BaseTable("stations"), stations.logicalTable());
        assertInstanceOf(TermMap.TemplateMap.class, stations.subjectMap().term());
        assertEquals(2, stations.predicateObjectMaps().size());
        TermMap.ColumnMap name = (TermMap.ColumnMap) stations.predicateObjectMaps().get(0).objectMaps().get(0);
        assertEquals(TermType.LITERAL, name.termType());
        assertEquals("fr", name.language().orElseThrow());
        RefObjectMap ref = stations.predicateObjectMaps().get(1).refObjectMaps().get(0);
        assertEquals(new SqlIdentifier("insee", false), ref.joinConditions().get(0).child());
        assertEquals(3, stations.position().line());
    }

    @Test
    void turtleSyntaxErrorNamesLineAndColumn() {
        MappingException e = reject("""
                <#M> rr:logicalTable [ rr:tableName "t" ] ;
                    rr:subjectMap [ rr:template "http://x/{id}" ]
                    rr:predicateObjectMap [ rr:predicate ex:p ; rr:object "o" ] .
                """);
        assertEquals(5, e.position().line());
        assertTrue(e.position().col() > 0);
        assertTrue(e.getMessage().startsWith("partner.ttl:5:"), e.getMessage());
        assertEquals("Turtle syntax", e.rule().orElseThrow());
    }

    @Test
    void unknownR2rmlPropertyIsATypo() {
        MappingException e = reject("""
                <#M> rr:logicalTable [ rr:tableName "t" ] ;
                    rr:subjectMap [ rr:template "http://x/{id}" ] ;
                    rr:predicateObjectMap [ rr:predicat ex:p ; rr:object "o" ] .
                """);
        assertEquals(5, e.position().line());
        assertTrue(e.getMessage().contains("unknown property rr:predicat"), e.getMessage());
    }

    @Test
    void triplesMapWithoutSubjectMap() {
        MappingException e = reject("""
                <#M> a rr:TriplesMap ;
                    rr:logicalTable [ rr:tableName "t" ] ;
                    rr:predicateObjectMap [ rr:predicate ex:p ; rr:object "o" ] .
                """);
        assertEquals("<M>", e.triplesMap().orElseThrow());
        assertEquals(3, e.position().line());
        assertTrue(e.rule().orElseThrow().contains("§6.1"), e.getMessage());
        assertTrue(e.getMessage().contains("exactly one subject map"), e.getMessage());
    }

    @Test
    void logicalTableWithBothTableNameAndQuery() {
        MappingException e = reject("""
                <#M> rr:logicalTable [ rr:tableName "t" ; rr:sqlQuery "SELECT 1" ] ;
                    rr:subjectMap [ rr:template "http://x/{id}" ] .
                """);
        assertTrue(e.getMessage().contains("exactly one rr:tableName or rr:sqlQuery"), e.getMessage());
    }

    @Test
    void literalSubjectIsRejected() {
        MappingException e = reject("""
                <#M> rr:logicalTable [ rr:tableName "t" ] ;
                    rr:subjectMap [ rr:column "id" ; rr:termType rr:Literal ] .
                """);
        assertEquals(4, e.position().line());
        assertTrue(e.getMessage().contains("subject map cannot have term type rr:Literal"), e.getMessage());
    }

    @Test
    void badTemplateSaysWhy() {
        MappingException e = reject("""
                <#M> rr:logicalTable [ rr:tableName "t" ] ;
                    rr:subjectMap [ rr:template "http://x/{id" ] .
                """);
        assertTrue(e.getMessage().contains("unclosed '{'"), e.getMessage());
        assertTrue(e.rule().orElseThrow().contains("rr:template"));
    }

    @Test
    void invalidLanguageTag() {
        MappingException e = reject("""
                <#M> rr:logicalTable [ rr:tableName "t" ] ;
                    rr:subjectMap [ rr:template "http://x/{id}" ] ;
                    rr:predicateObjectMap [ rr:predicate ex:p ; rr:objectMap [ rr:column "n" ; rr:language "english" ] ] .
                """);
        assertTrue(e.getMessage().contains("'english' is not a valid BCP 47 language tag"), e.getMessage());
    }

    @Test
    void parentTriplesMapMustExist() {
        MappingException e = reject("""
                <#M> rr:logicalTable [ rr:tableName "t" ] ;
                    rr:subjectMap [ rr:template "http://x/{id}" ] ;
                    rr:predicateObjectMap [ rr:predicate ex:p ; rr:objectMap [ rr:parentTriplesMap "nope" ] ] .
                """);
        assertTrue(e.getMessage().contains("is not a triples map"), e.getMessage());
    }

    @Test
    void graphMapMustMakeIris() {
        MappingException e = reject("""
                <#M> rr:logicalTable [ rr:tableName "t" ] ;
                    rr:subjectMap [ rr:template "http://x/{id}" ; rr:graphMap [ rr:column "g" ; rr:termType rr:Literal ] ] .
                """);
        assertTrue(e.getMessage().contains("graph map cannot have term type rr:Literal"), e.getMessage());
    }

    @Test
    void languageAndDatatypeTogether() {
        MappingException e = reject("""
                <#M> rr:logicalTable [ rr:tableName "t" ] ;
                    rr:subjectMap [ rr:template "http://x/{id}" ] ;
                    rr:predicateObjectMap [ rr:predicate ex:p ;
                       rr:objectMap [ rr:column "n" ; rr:language "fr" ; rr:datatype ex:dt ] ] .
                """);
        assertTrue(e.getMessage().contains("both rr:language and rr:datatype"), e.getMessage());
    }

    @Test
    void unknownSqlVersion() {
        MappingException e = reject("""
                <#M> rr:logicalTable [ rr:sqlQuery "SELECT 1 AS id" ; rr:sqlVersion rr:SQL1979 ] ;
                    rr:subjectMap [ rr:template "http://x/{id}" ] .
                """);
        assertTrue(e.getMessage().contains("unknown SQL version identifier rr:SQL1979"), e.getMessage());
    }

    @Test
    void emptyDocument() {
        MappingException e = reject("ex:a ex:b ex:c .");
        assertTrue(e.getMessage().contains("no triples map"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        MappingException e = assertThrows(MappingException.class,
                () -> MappingReader.read(List.of(java.nio.file.Path.of("no/such/mapping.ttl"))));
        assertEquals("no/such/mapping.ttl: mapping file not found", e.getMessage());
    }

    @Test
    void templatesParseEscapesAndDelimitedColumns() {
        Template t = Template.parse("http://x/\\{literal\\}/{\"Mixed Case\"}-{plain}");
        assertEquals(List.of(new SqlIdentifier("Mixed Case", true), new SqlIdentifier("plain", false)), t.columns());
        assertEquals(new Template.Text("http://x/{literal}/"), t.segments().get(0));
    }
}
