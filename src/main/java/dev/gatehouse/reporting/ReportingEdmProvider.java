package dev.gatehouse.reporting;

import java.util.List;

import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind;
import org.apache.olingo.commons.api.edm.FullQualifiedName;
import org.apache.olingo.commons.api.edm.provider.CsdlAbstractEdmProvider;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityContainer;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityContainerInfo;
import org.apache.olingo.commons.api.edm.provider.CsdlEntitySet;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityType;
import org.apache.olingo.commons.api.edm.provider.CsdlProperty;
import org.apache.olingo.commons.api.edm.provider.CsdlPropertyRef;
import org.apache.olingo.commons.api.edm.provider.CsdlSchema;

/**
 * The feed's data model ({@code $metadata}), derived from {@link ReportingTable}: one
 * entity type and set per table, keyed by {@code Id}.
 */
final class ReportingEdmProvider extends CsdlAbstractEdmProvider {

	static final String NAMESPACE = "Gatehouse.Reporting";

	static final FullQualifiedName CONTAINER = new FullQualifiedName(NAMESPACE, "Reporting");

	@Override
	public CsdlEntityType getEntityType(FullQualifiedName name) {
		if (!NAMESPACE.equals(name.getNamespace())) {
			return null;
		}
		return ReportingTable.ALL.stream()
			.filter((table) -> table.entityType().equals(name.getName()))
			.findFirst()
			.map(ReportingEdmProvider::entityType)
			.orElse(null);
	}

	@Override
	public CsdlEntitySet getEntitySet(FullQualifiedName container, String name) {
		ReportingTable table = ReportingTable.of(name);
		return (CONTAINER.equals(container) && table != null) ? entitySet(table) : null;
	}

	@Override
	public CsdlEntityContainer getEntityContainer() {
		return new CsdlEntityContainer().setName(CONTAINER.getName())
			.setEntitySets(ReportingTable.ALL.stream().map(ReportingEdmProvider::entitySet).toList());
	}

	@Override
	public CsdlEntityContainerInfo getEntityContainerInfo(FullQualifiedName name) {
		return (name == null || CONTAINER.equals(name)) ? new CsdlEntityContainerInfo().setContainerName(CONTAINER)
				: null;
	}

	@Override
	public List<CsdlSchema> getSchemas() {
		return List.of(new CsdlSchema().setNamespace(NAMESPACE)
			.setEntityTypes(ReportingTable.ALL.stream().map(ReportingEdmProvider::entityType).toList())
			.setEntityContainer(getEntityContainer()));
	}

	private static CsdlEntityType entityType(ReportingTable table) {
		return new CsdlEntityType().setName(table.entityType())
			.setProperties(table.columns().stream().map(ReportingEdmProvider::property).toList())
			.setKey(List.of(new CsdlPropertyRef().setName("Id")));
	}

	private static CsdlProperty property(ReportingTable.Column column) {
		CsdlProperty property = new CsdlProperty().setName(column.property())
			.setType(column.type().getFullQualifiedName())
			.setNullable(!column.property().equals("Id"));
		if (column.type() == EdmPrimitiveTypeKind.Decimal) {
			// Hours and effort are stored with two decimals.
			property.setPrecision(12).setScale(2);
		}
		return property;
	}

	private static CsdlEntitySet entitySet(ReportingTable table) {
		return new CsdlEntitySet().setName(table.entitySet())
			.setType(new FullQualifiedName(NAMESPACE, table.entityType()));
	}

}
