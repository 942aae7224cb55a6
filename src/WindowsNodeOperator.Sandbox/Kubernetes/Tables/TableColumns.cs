using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Tables;

/// <summary>The columns a kind is printed with, as kube-apiserver's table convertors define them.</summary>
public sealed class TableColumns(IReadOnlyList<TableColumn> columns)
{
    public IReadOnlyList<TableColumn> Columns { get; } = columns;

    /// <summary>NAME and AGE, for kinds without a printer of their own.</summary>
    public static TableColumns Default { get; } = new([Cells.Name, Cells.Age]);

    /// <summary>The columns of a built-in kind; <see cref="Default"/> for others.</summary>
    public static TableColumns For(string apiVersion, string kind)
    {
        var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;
        return (group, kind) switch
        {
            ("", "Node") => new(NodeAndPodColumns.Node),
            ("", "Pod") => new(NodeAndPodColumns.Pod),
            ("", "Namespace") => new(OtherColumns.Namespace),
            ("" or "events.k8s.io", "Event") => new(OtherColumns.Event),
            ("policy", "PodDisruptionBudget") => new(OtherColumns.PodDisruptionBudget),
            ("coordination.k8s.io", "Lease") => new(OtherColumns.Lease),
            ("apps", "DaemonSet") => new(OtherColumns.DaemonSet),
            ("apps", "ReplicaSet") => new(OtherColumns.ReplicaSet),
            ("apps", "Deployment") => new(OtherColumns.Deployment),
            ("apiextensions.k8s.io", "CustomResourceDefinition") => new([Cells.Name, Cells.CreatedAt]),
            _ => Default,
        };
    }

    /// <summary>The columns of a custom resource version: NAME, then the CRD's additionalPrinterColumns, or AGE when it declares none.</summary>
    public static TableColumns ForCustomResource(JsonObject crd, string version)
    {
        ArgumentNullException.ThrowIfNull(crd);
        var served = (crd["spec"]?["versions"] as JsonArray)?.FirstOrDefault(v => v?["name"]?.ToString() == version);
        return ForCustomResource(served?["additionalPrinterColumns"] as JsonArray);
    }

    /// <exception cref="FormatException">A column's jsonPath is outside the supported subset.</exception>
    public static TableColumns ForCustomResource(JsonArray? additionalPrinterColumns)
    {
        if (additionalPrinterColumns is null || additionalPrinterColumns.Count == 0)
        {
            // apiextensions-apiserver serves an Age column when a version declares no columns.
            return new([Cells.Name, Column("Age", "date", null, Cells.CreationDescription, 0, ".metadata.creationTimestamp")]);
        }

        var columns = new List<TableColumn> { Cells.Name };
        foreach (var definition in additionalPrinterColumns.OfType<JsonObject>())
        {
            var jsonPath = definition["jsonPath"]?.ToString() ?? string.Empty;
            columns.Add(Column(
                definition["name"]?.ToString() ?? string.Empty,
                definition["type"]?.ToString() ?? "string",
                definition["format"]?.ToString(),
                definition["description"]?.ToString() is { Length: > 0 } d ? d : $"Custom resource definition column (in JSONPath format): {jsonPath}",
                (int)(definition["priority"] is JsonValue p && p.TryGetValue<int>(out var priority) ? priority : 0),
                jsonPath));
        }

        return new(columns);
    }

    private static TableColumn Column(string name, string type, string? format, string description, int priority, string jsonPath)
    {
        var query = JsonPathQuery.Parse(jsonPath);
        return new(name, type, description, (o, now) => CellFor(type, query.Evaluate(o) is { Count: > 0 } found ? found[0] : null, now), priority, format ?? string.Empty);
    }

    /// <summary>kube's cellForJSONValue: the first match, converted by the column type; null when it does not fit.</summary>
    private static JsonNode? CellFor(string type, JsonNode? value, DateTimeOffset now)
    {
        if (value is null)
        {
            return null;
        }

        var kind = value.GetValueKind();
        return (type, kind) switch
        {
            ("string", JsonValueKind.String) => value.GetValue<string>(),
            ("string", _) => value.ToJsonString(),
            ("integer", JsonValueKind.Number) => (long)double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture),
            ("number", JsonValueKind.Number) => double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture),
            ("boolean", JsonValueKind.True or JsonValueKind.False) => kind == JsonValueKind.True,
            ("date", JsonValueKind.String) => DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? HumanDuration.Format(now - at)
                : "<invalid>",
            _ => null,
        };
    }
}
