package fr.regie.server.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Request paths to IRIs (RFC 3987, 3.2). */
class IrisTest {
    @Test
    void nonAsciiUtf8IsDecodedAsciiStaysEncoded() {
        assertEquals("/id/commune/93066", Iris.fromUri("/id/commune/93066"));
        assertEquals("/id/festival/Salon%20du%20livre%20océanien", Iris.fromUri("/id/festival/Salon%20du%20livre%20oc%C3%A9anien"));
        assertEquals("/id/x/Île", Iris.fromUri("/id/x/%C3%8Ele"));
        assertEquals("/id/x/%2F", Iris.fromUri("/id/x/%2F"));
        assertEquals("/id/x/%C3", Iris.fromUri("/id/x/%C3"), "a truncated sequence stays encoded");
        assertEquals("/id/x/%FF%FE", Iris.fromUri("/id/x/%FF%FE"), "invalid UTF-8 stays encoded");
        assertEquals("/id/x/%zz%", Iris.fromUri("/id/x/%zz%"));
    }

    @Test
    void backToAsciiForHeaders() {
        assertEquals("https://t.example/id/x/oc%C3%A9an%20ien", Iris.toUri("https://t.example/id/x/océan%20ien"));
        String iri = "/id/x/Île-de-France/€";
        assertEquals(iri, Iris.fromUri(Iris.toUri(iri)));
    }
}
