package io.channelpulse.export;

import io.channelpulse.network.NetworkEdge;
import io.channelpulse.network.NetworkGraph;
import io.channelpulse.network.NetworkNode;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.Locale;

/**
 * A network as GEXF 1.3, the file Gephi opens: a directed graph whose nodes carry their label, whether they are
 * tracked and their citations, and whose edges carry their posts as weight, their kind (GEXF's own edge kind, so
 * forward and mention edges between the same channels stay apart) and the median lag. Node ids are the lowercased
 * handles, as handles compare without case.
 */
public final class NetworkGexf {

    public static final String MEDIA_TYPE = "application/gexf+xml; charset=utf-8";
    private static final String NAMESPACE = "http://gexf.net/1.3";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private NetworkGexf() {
    }

    public static void write(NetworkGraph graph, String description, LocalDate madeOn, OutputStream out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("gexf");
            xml.writeDefaultNamespace(NAMESPACE);
            xml.writeNamespace("xsi", XSI);
            xml.writeAttribute(XSI, "schemaLocation", NAMESPACE + " " + NAMESPACE + "/gexf.xsd");
            xml.writeAttribute("version", "1.3");
            xml.writeStartElement("meta");
            xml.writeAttribute("lastmodifieddate", madeOn.toString());
            element(xml, "creator", "Channel Pulse");
            element(xml, "description", description);
            xml.writeEndElement();
            xml.writeStartElement("graph");
            xml.writeAttribute("defaultedgetype", "directed");
            xml.writeAttribute("mode", "static");
            attributes(xml, "node", new String[][]{{"tracked", "boolean"}, {"citations", "long"}, {"posts", "long"},
                    {"subscribers", "long"}, {"title", "string"}});
            attributes(xml, "edge", new String[][]{{"median_lag_seconds", "long"}});
            xml.writeStartElement("nodes");
            for (NetworkNode node : graph.nodes()) {
                xml.writeStartElement("node");
                xml.writeAttribute("id", id(node.handle()));
                xml.writeAttribute("label", xmlText(node.handle()));
                xml.writeStartElement("attvalues");
                value(xml, "tracked", String.valueOf(node.tracked()));
                value(xml, "citations", String.valueOf(node.citations()));
                value(xml, "posts", String.valueOf(node.posts()));
                value(xml, "subscribers", node.subscribers() == null ? null : node.subscribers().toString());
                value(xml, "title", node.title());
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeStartElement("edges");
            int id = 0;
            for (NetworkEdge edge : graph.edges()) {
                xml.writeStartElement("edge");
                xml.writeAttribute("id", String.valueOf(id++));
                xml.writeAttribute("source", id(edge.from()));
                xml.writeAttribute("target", id(edge.to()));
                xml.writeAttribute("kind", edge.kind());
                xml.writeAttribute("weight", String.valueOf(edge.count()));
                if (edge.medianLagSeconds() != null) {
                    xml.writeStartElement("attvalues");
                    value(xml, "median_lag_seconds", edge.medianLagSeconds().toString());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException("Could not write the GEXF file", e);
        }
    }

    private static String id(String handle) {
        return handle.toLowerCase(Locale.ROOT);
    }

    private static void attributes(XMLStreamWriter xml, String kind, String[][] declared) throws XMLStreamException {
        xml.writeStartElement("attributes");
        xml.writeAttribute("class", kind);
        for (String[] attribute : declared) {
            xml.writeEmptyElement("attribute");
            xml.writeAttribute("id", attribute[0]);
            xml.writeAttribute("title", attribute[0]);
            xml.writeAttribute("type", attribute[1]);
        }
        xml.writeEndElement();
    }

    private static void value(XMLStreamWriter xml, String attribute, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        xml.writeEmptyElement("attvalue");
        xml.writeAttribute("for", attribute);
        xml.writeAttribute("value", xmlText(value));
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(xmlText(text));
        xml.writeEndElement();
    }

    /** Titles come from Telegram: drop the characters XML 1.0 cannot hold at all (escaping does the rest). */
    static String xmlText(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
                || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF).forEach(kept::appendCodePoint);
        return kept.toString();
    }
}
