package dev.gatehouse.api;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.xml.XmlMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Writes the API error body in the format the request asked for (XML unless
 * {@code format=json} or an {@code Accept} header prefers JSON), for the places that
 * answer outside a controller: the security entry points and the error page.
 */
@Component
public class ApiErrorWriter {

	private final ContentNegotiationManager contentNegotiation;

	private final JsonMapper jsonMapper;

	private final XmlMapper xmlMapper;

	ApiErrorWriter(ContentNegotiationManager contentNegotiation, JsonMapper jsonMapper, XmlMapper xmlMapper) {
		this.contentNegotiation = contentNegotiation;
		this.jsonMapper = jsonMapper;
		this.xmlMapper = xmlMapper;
	}

	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, String message)
			throws IOException {
		ApiError error = ApiError.of(status, message);
		response.setStatus(status.value());
		if (prefersJson(request)) {
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			this.jsonMapper.writeValue(response.getOutputStream(), error);
		}
		else {
			response.setContentType(MediaType.APPLICATION_XML_VALUE);
			response.setCharacterEncoding("UTF-8");
			this.xmlMapper.writeValue(response.getOutputStream(), error);
		}
	}

	/**
	 * Whether the request asks for JSON before XML; a wildcard means the XML default.
	 * @param request the request
	 * @return {@code true} for JSON
	 */
	public boolean prefersJson(HttpServletRequest request) {
		List<MediaType> requested;
		try {
			requested = this.contentNegotiation.resolveMediaTypes(new ServletWebRequest(request));
		}
		catch (HttpMediaTypeNotAcceptableException ex) {
			return false;
		}
		for (MediaType type : requested) {
			if (type.isWildcardType()) {
				return false;
			}
			if (type.isCompatibleWith(MediaType.APPLICATION_XML) || type.isCompatibleWith(MediaType.TEXT_XML)) {
				return false;
			}
			if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
				return true;
			}
		}
		return false;
	}

}
