using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Tables;

/// <summary>
/// One column of a server-side table: its definition (priority 0 always shown, 1 only with <c>-o wide</c>) and the
/// function computing its cell from an object at a given "now".
/// </summary>
public sealed record TableColumn(string Name, string Type, string Description, Func<JsonObject, DateTimeOffset, JsonNode?> Cell, int Priority = 0, string Format = "")
{
    public JsonObject Definition() => new()
    {
        ["name"] = Name,
        ["type"] = Type,
        ["format"] = Format,
        ["description"] = Description,
        ["priority"] = Priority,
    };
}
