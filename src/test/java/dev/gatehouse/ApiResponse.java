package dev.gatehouse;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An answer from the server, with its body readable as JSON or as XML (by XPath).
 */
public final class ApiResponse {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpResponse<String> response;

	ApiResponse(HttpResponse<String> response) {
		this.response = response;
	}

	public int status() {
		return this.response.statusCode();
	}

	public String body() {
		return this.response.body();
	}

	public Optional<String> header(String name) {
		return this.response.headers().firstValue(name);
	}

	public String contentType() {
		return header("Content-Type").orElse("");
	}

	public JsonNode json() {
		return JSON.readTree(body());
	}

	/**
	 * Evaluates an XPath expression on the XML body.
	 * @param expression e.g. {@code /User/@Id}
	 * @return the string value
	 */
	public String xpath(String expression) {
		try {
			return (String) XPathFactory.newInstance().newXPath().evaluate(expression, xml(), XPathConstants.STRING);
		}
		catch (Exception ex) {
			throw new AssertionError("Not XML or bad expression: " + expression + "\n" + body(), ex);
		}
	}

	public Document xml() throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body().getBytes(StandardCharsets.UTF_8)));
	}

	@Override
	public String toString() {
		return status() + " " + body();
	}

}
