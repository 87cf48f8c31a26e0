package dev.gatehouse.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.gatehouse.query.CollectionParameters;
import dev.gatehouse.system.InvalidRequestException;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Reads {@link CollectionParameters} from the query string, accepting the parameter names
 * in any case as Targetprocess does.
 */
class CollectionParametersResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == CollectionParameters.class;
	}

	@Override
	public CollectionParameters resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		Map<String, String[]> query = webRequest.getParameterMap();
		int take = CollectionParameters.DEFAULT_TAKE;
		int skip = 0;
		String where = null;
		List<String> orderBy = new ArrayList<>();
		List<String> orderByDesc = new ArrayList<>();
		for (Map.Entry<String, String[]> entry : query.entrySet()) {
			String value = entry.getValue()[entry.getValue().length - 1];
			switch (entry.getKey().toLowerCase(Locale.ROOT)) {
				case "take" -> take = number("take", value);
				case "skip" -> skip = number("skip", value);
				case "where" -> where = value.isBlank() ? null : value;
				case "orderby" -> orderBy.addAll(fieldList(value));
				case "orderbydesc" -> orderByDesc.addAll(fieldList(value));
				default -> {
				}
			}
		}
		return new CollectionParameters(take, skip, where, orderBy, orderByDesc);
	}

	private static int number(String name, String value) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new InvalidRequestException(name + " must be a whole number");
		}
	}

	private static List<String> fieldList(String value) {
		List<String> fields = new ArrayList<>();
		for (String field : value.split(",")) {
			if (!field.isBlank()) {
				fields.add(field.trim());
			}
		}
		return fields;
	}

}
