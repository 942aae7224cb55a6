using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Tables;

/// <summary>Server-side printing: the meta.k8s.io Table kubectl get asks for.</summary>
/// <remarks>https://kubernetes.io/docs/reference/using-api/api-concepts/#receiving-resources-as-tables</remarks>
public static class TablePrinter
{
    /// <summary>Prints the objects as a Table with the given columns, ages measured from <paramref name="now"/>.</summary>
    public static JsonObject Print(
        IReadOnlyList<JsonObject> objects,
        TableColumns columns,
        DateTimeOffset now,
        IncludeObject includeObject = IncludeObject.Metadata,
        string? resourceVersion = null,
        string apiVersion = "meta.k8s.io/v1")
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(columns);
        var metadata = new JsonObject();
        if (resourceVersion is not null)
        {
            metadata["resourceVersion"] = resourceVersion;
        }

        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var row = new JsonObject { ["cells"] = new JsonArray(columns.Columns.Select(c => c.Cell(obj, now)).ToArray()) };
            switch (includeObject)
            {
                case IncludeObject.Object:
                    row["object"] = obj.DeepClone();
                    break;
                case IncludeObject.Metadata:
                    row["object"] = new JsonObject
                    {
                        ["kind"] = "PartialObjectMetadata",
                        ["apiVersion"] = apiVersion,
                        ["metadata"] = obj["metadata"]?.DeepClone() ?? new JsonObject(),
                    };
                    break;
            }

            rows.Add(row);
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = apiVersion,
            ["metadata"] = metadata,
            ["columnDefinitions"] = new JsonArray(columns.Columns.Select(c => (JsonNode?)c.Definition()).ToArray()),
            ["rows"] = rows,
        };
    }

    /// <summary>
    /// The Table apiVersion the Accept header asks for (<c>application/json;as=Table;v=v1;g=meta.k8s.io</c>), or
    /// null when it asks for plain JSON first.
    /// </summary>
    public static string? NegotiateTable(string? accept)
    {
        foreach (var mediaType in (accept ?? string.Empty).Split(','))
        {
            var parts = mediaType.Split(';').Select(p => p.Trim()).ToArray();
            var parameters = parts.Skip(1).Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            if (parameters.GetValueOrDefault("as") != "Table")
            {
                if (parts[0] is "application/json" or "*/*" or "application/*")
                {
                    return null;
                }

                continue;
            }

            if (parameters.GetValueOrDefault("g") == "meta.k8s.io" && parameters.GetValueOrDefault("v") is "v1" or "v1beta1")
            {
                return $"meta.k8s.io/{parameters["v"]}";
            }
        }

        return null;
    }
}
