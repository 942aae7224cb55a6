using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;
using WindowsNodeOperator.Sandbox.Kubernetes.Tables;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Mechanics;

/// <summary>The server's entry to server-side printing (meta.k8s.io/v1 Table): built-in columns or a CRD's printer columns.</summary>
internal static class TableOutput
{
    public static JsonObject Print(ResourceType type, IReadOnlyList<JsonObject> objects, DateTimeOffset now, string includeObject, string resourceVersion)
    {
        var columns = type.IsCustom
            ? TableColumns.ForCustomResource(type.PrinterColumns)
            : TableColumns.For(type.ApiVersion, type.Kind);
        var include = includeObject switch
        {
            "None" => IncludeObject.None,
            "Object" => IncludeObject.Object,
            _ => IncludeObject.Metadata,
        };
        return TablePrinter.Print(objects, columns, now, include, resourceVersion);
    }
}
