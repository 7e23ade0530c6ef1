package io.evalbatch.support;

import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Inspect's own schema of its logs (inspect-openapi.json, bundled with the reference data). */
public final class InspectSchema {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private InspectSchema() {
    }

    /**
     * What makes {@code value} invalid as the document's schema {@code schema} (EvalSample,
     * EvalLog, ...), each prefixed with {@code where}; empty when it is valid. The schema is a $ref
     * to it with the document's components beside, so that its internal references resolve.
     */
    public static List<String> invalid(String schema, JsonNode value, String where) {
        JsonNode openapi = ReferenceData.json(ReferenceData.ROOT.resolve("formats/inspect/inspect-openapi.json.gz"));
        ObjectNode document = JSON.createObjectNode();
        document.put("$ref", "#/components/schemas/" + schema);
        document.set("components", openapi.get("components"));
        Schema validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("urn:inspect-openapi"), document);
        return validator.validate(value).stream().map(Error::toString).map(e -> where + ": " + e).toList();
    }
}
