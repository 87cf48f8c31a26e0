package dev.gatehouse.api;

import java.util.List;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.ValueSerializerModifier;
import tools.jackson.dataformat.xml.ser.ToXmlGenerator;

import org.springframework.boot.jackson.autoconfigure.XmlMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * XML as Targetprocess writes it: a null field is an empty element with
 * {@code nil="true"} (SPEC §7.2). JSON keeps {@code null}.
 */
@Configuration(proxyBeanMethods = false)
class ApiFormatConfiguration {

	@Bean
	XmlMapperBuilderCustomizer nilElementsForNulls() {
		SimpleModule module = new SimpleModule("gatehouse-xml-nil");
		module.setSerializerModifier(new NilForNullProperties());
		return (builder) -> builder.addModule(module);
	}

	static final class NilForNullProperties extends ValueSerializerModifier {

		private static final long serialVersionUID = 1L;

		@Override
		public List<BeanPropertyWriter> changeProperties(SerializationConfig config,
				BeanDescription.Supplier description, List<BeanPropertyWriter> properties) {
			for (BeanPropertyWriter property : properties) {
				// Properties that leave nulls out (JsonInclude.NON_NULL) stay out in XML
				// too.
				if (!property.hasNullSerializer() && !property.willSuppressNulls()) {
					property.assignNullSerializer(new NilElement());
				}
			}
			return properties;
		}

	}

	static final class NilElement extends ValueSerializer<Object> {

		@Override
		public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
			if (generator instanceof ToXmlGenerator xml) {
				xml.writeStartObject();
				xml.setNextIsAttribute(true);
				xml.writeStringProperty("nil", "true");
				xml.setNextIsAttribute(false);
				xml.writeEndObject();
			}
			else {
				generator.writeNull();
			}
		}

	}

}
